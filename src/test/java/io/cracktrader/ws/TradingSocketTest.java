package io.cracktrader.ws;

import static io.restassured.RestAssured.given;
import static io.cracktrader.ws.WsClient.channel;
import static io.cracktrader.ws.WsClient.type;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

/** The {@code /ws} subscription protocol of 03 with a real WebSocket client. */
@QuarkusTest
class TradingSocketTest {

    @BeforeAll
    static void login() {
        Api.configure();
    }

    @Test
    void tickerSubscribeAcknowledgeStreamAndUnsubscribe() {
        WsClient ws = WsClient.connect("/ws");
        ws.send("{\"action\": \"subscribe\", \"channel\": \"ticker\", \"symbol\": \"BTC/USDT\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> ws.messages(channel("ticker")).size() >= 2);
        JsonNode ack = ws.messages(type("subscribed")).get(0);
        assertEquals("ticker", ack.path("channel").asText());
        assertEquals("BTC/USDT", ack.path("symbol").asText());
        JsonNode ticker = ws.messages(channel("ticker")).get(0);
        assertEquals("BTC/USDT", ticker.path("symbol").asText());
        for (String field : List.of("last", "bid", "ask", "volume", "timestamp")) {
            assertTrue(ticker.path("data").has(field), field);
        }
        assertTrue(ticker.path("data").path("bid").asDouble() < ticker.path("data").path("ask").asDouble());

        ws.send("{\"action\": \"unsubscribe\", \"channel\": \"ticker\", \"symbol\": \"BTC/USDT\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> ws.has(type("unsubscribed")));
        int after = ws.messages(channel("ticker")).size();
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4)).until(() -> true);
        assertTrue(ws.messages(channel("ticker")).size() <= after + 1, "no tickers after unsubscribing");
        ws.close();
    }

    @Test
    void tenSubscriptionsAtMostAndErrorsAreMessages() {
        WsClient ws = WsClient.connect("/ws");
        for (int i = 0; i < 10; i++) {
            ws.send("{\"action\": \"subscribe\", \"channel\": \"trades\", \"symbol\": \"C" + i + "/USDT\"}");
        }
        ws.send("{\"action\": \"subscribe\", \"channel\": \"trades\", \"symbol\": \"C10/USDT\"}");
        ws.send("not json");
        ws.send("{\"action\": \"subscribe\", \"channel\": \"weather\"}");
        ws.send("{\"action\": \"subscribe\", \"channel\": \"ticker\", \"symbol\": \"bitcoin\"}");
        ws.send("{\"action\": \"dance\", \"channel\": \"ticker\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> ws.messages(type("error")).size() >= 5);
        assertEquals(10, ws.messages(type("subscribed")).size());
        List<String> errors = ws.messages(type("error")).stream().map(m -> m.path("message").asText()).toList();
        assertTrue(errors.get(0).contains("at most 10"), errors.toString());
        assertTrue(errors.get(1).startsWith("Invalid JSON"), errors.toString());
        assertTrue(errors.get(2).contains("channel must be"), errors.toString());
        assertTrue(errors.get(3).contains("BASE/QUOTE"), errors.toString());
        assertTrue(errors.get(4).contains("action must be"), errors.toString());
        // The connection stays, and freeing a slot lets a new subscription in.
        assertNull(ws.closeCode);
        ws.send("{\"action\": \"unsubscribe\", \"channel\": \"trades\", \"symbol\": \"C0/USDT\"}");
        ws.send("{\"action\": \"subscribe\", \"channel\": \"trades\", \"symbol\": \"C10/USDT\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> ws.messages(type("subscribed")).size() == 11);
        ws.close();
    }

    @Test
    void tradesAndOrdersCarryTheFillsOfRuns() {
        WsClient ws = WsClient.connect("/ws");
        ws.send("{\"action\": \"subscribe\", \"channel\": \"trades\", \"symbol\": \"SOL/USDT\"}");
        ws.send("{\"action\": \"subscribe\", \"channel\": \"orders\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> ws.messages(type("subscribed")).size() == 2);
        String runId = given().contentType(ContentType.JSON).body(Map.of("strategy_name", "MovingAverageCross",
                        "symbols", List.of("SOL/USDT"), "timeframe", "1h", "start_date", "2024-01-01T00:00:00Z",
                        "end_date", "2024-02-01T00:00:00Z"))
                .post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
        Api.awaitRunEnd(runId);
        int fills = given().get("/api/v1/runs/" + runId + "/trades").then().extract().path("pagination.total");
        assertTrue(fills > 0);
        // Other tests' runs may be filling too: count this run's messages.
        java.util.function.Predicate<JsonNode> ofRun = m -> runId.equals(m.path("data").path("run_id").asText());
        await().atMost(Duration.ofSeconds(10)).until(() -> ws.messages(channel("trades").and(ofRun)).size() == fills
                && ws.messages(channel("orders").and(ofRun)).size() == fills);
        JsonNode trade = ws.messages(channel("trades").and(ofRun)).get(0);
        assertEquals("SOL/USDT", trade.path("symbol").asText());
        assertEquals(runId, trade.path("data").path("run_id").asText());
        JsonNode order = ws.messages(channel("orders").and(ofRun)).get(0);
        assertEquals("filled", order.path("data").path("status").asText());
        for (String field : List.of("order_id", "symbol", "side", "amount", "price", "timestamp")) {
            assertTrue(order.path("data").has(field), field);
        }
        ws.close();
    }
}
