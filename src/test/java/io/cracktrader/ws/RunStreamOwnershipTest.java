package io.cracktrader.ws;

import static io.cracktrader.rest.Api.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cracktrader.rest.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 1, on the streams: another user's run is not streamed to a subscriber who may not
 * read it — not on /ws/status, not in system notifications, not as fills on the public trades channel.
 */
@QuarkusTest
class RunStreamOwnershipTest {
    @BeforeAll
    static void configure() {
        Api.configure();
    }

    private static String alice() {
        return Api.user("stream-alice", "trader");
    }

    private static String bob() {
        return Api.user("stream-bob", "trader");
    }

    @Test
    void anotherUsersRunIsNotStreamed() {
        WsClient bobsStatus = WsClient.connectAs("/ws/status", bob());
        WsClient bobsNotifications = WsClient.connectAs("/ws/system/notifications", bob());
        WsClient bobsTrades = WsClient.connectAs("/ws", bob());
        WsClient alicesNotifications = WsClient.connectAs("/ws/system/notifications", alice());
        bobsTrades.send("{\"action\": \"subscribe\", \"channel\": \"trades\", \"symbol\": \"BTC/USDT\"}");
        String run = as(alice()).contentType(ContentType.JSON).body(Map.of("strategy_name", "TestStrategy",
                        "symbols", List.of("BTC/USDT"), "timeframe", "1m", "mode", "paper",
                        "strategy_params", Map.of("threshold", 0.0001, "period", 2)))
                .post("/api/v1/runs").then().statusCode(201).extract().<String>path("run_id");
        WsClient bobsRun = WsClient.connectAs("/ws/status?run_id=" + run, bob());
        WsClient alicesRun = WsClient.connectAs("/ws/status?run_id=" + run, alice());
        try {
            // The owner is told about the run and sees its fills: so the others would have been too.
            await().atMost(Duration.ofSeconds(30)).until(() -> alicesRun.has(m -> m.toString().contains(run))
                    && alicesNotifications.has(m -> m.toString().contains(run))
                    && alicesRun.has(WsClient.type("trade_execution")));
            for (WsClient c : List.of(bobsStatus, bobsNotifications, bobsTrades, bobsRun)) {
                assertFalse(c.has(m -> m.toString().contains(run)), c.snapshot().toString());
            }
            assertFalse(bobsTrades.has(m -> m.has("data") && m.path("data").has("run_id")), bobsTrades.snapshot().toString());
        } finally {
            for (WsClient c : List.of(bobsStatus, bobsNotifications, bobsTrades, bobsRun, alicesRun, alicesNotifications)) {
                c.close();
            }
            as(alice()).post("/api/v1/runs/" + run + "/stop");
        }
    }
}
