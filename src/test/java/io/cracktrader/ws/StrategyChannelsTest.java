package io.cracktrader.ws;

import static io.restassured.RestAssured.given;
import static io.cracktrader.ws.WsClient.type;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cracktrader.rest.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The WebSocket channels of 05 (signals, performance, alerts, notifications) with real clients. */
@QuarkusTest
class StrategyChannelsTest {

    @BeforeAll
    static void login() {
        Api.configure();
    }

    static String strategy(String name) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "category", "trend_following",
                        "strategy_type", "MovingAverageCross", "parameters", Map.of("fast_period", 3, "slow_period", 8),
                        "timeframe", "1m"))
                .post("/api/strategies").then().statusCode(201).extract().path("id");
    }

    @Test
    void signalsAlertsPerformanceAndNotificationsOfARunningStrategy() {
        String id = strategy("Streamed");
        WsClient signals = WsClient.connect("/ws/strategies/" + id + "/signals");
        WsClient performance = WsClient.connect("/ws/strategies/" + id + "/performance?frequency=1");
        WsClient alerts = WsClient.connect("/ws/strategies/alerts?strategy_ids=" + id);
        WsClient notifications = WsClient.connect("/ws/system/notifications?types=run");
        await().atMost(Duration.ofSeconds(5)).until(() -> signals.has(type("recent_signals")));
        assertEquals(0, signals.messages(type("recent_signals")).get(0).path("data").size());

        given().post("/api/strategies/" + id + "/start").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> signals.messages(type("new_signal")).size() >= 2);
        JsonNode signal = signals.messages(type("new_signal")).get(0).path("data");
        assertEquals(id, signal.path("strategy_id").asText());
        assertTrue(List.of("buy", "sell").contains(signal.path("side").asText()));
        await().atMost(Duration.ofSeconds(10)).until(() -> performance.messages(type("performance_update")).stream()
                .anyMatch(m -> !m.path("data").path("run_id").isNull()));
        given().post("/api/strategies/" + id + "/stop").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.messages(type("strategy_alert")).stream()
                .map(m -> m.path("event_type").asText()).toList().containsAll(List.of("started", "stopped")));
        JsonNode started = alerts.messages(m -> "started".equals(m.path("event_type").asText())).get(0);
        assertEquals("status_change", started.path("alert_type").asText());
        assertEquals("admin", started.path("user").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> notifications.messages(type("notification")).stream()
                .map(m -> m.path("data").path("status").asText()).toList().containsAll(List.of("running", "stopped")));
        assertTrue(notifications.messages(type("notification")).stream()
                .allMatch(m -> "run".equals(m.path("notification_type").asText())));

        // A client connecting now gets the recent signals first.
        WsClient late = WsClient.connect("/ws/strategies/" + id + "/signals");
        await().atMost(Duration.ofSeconds(5)).until(() -> late.has(type("recent_signals")));
        assertTrue(late.messages(type("recent_signals")).get(0).path("data").size() >= 2);
        for (WsClient c : List.of(signals, performance, alerts, notifications, late)) {
            c.close();
        }
    }

    @Test
    void unknownStrategiesAndBadFrequenciesAreRefused() {
        WsClient unknown = WsClient.connect("/ws/strategies/no-such-id/signals");
        await().atMost(Duration.ofSeconds(5)).until(() -> unknown.closeCode != null);
        assertEquals(1008, unknown.closeCode);
        String id = strategy("Watched");
        WsClient tooFast = WsClient.connect("/ws/strategies/" + id + "/performance?frequency=0");
        await().atMost(Duration.ofSeconds(5)).until(() -> tooFast.closeCode != null);
        assertTrue(tooFast.closeReason.contains("frequency"));
    }
}
