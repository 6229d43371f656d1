package io.cracktrader.ws;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import io.cracktrader.rest.Api;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /ws/status with a real WebSocket client, as the Python monitor of 01 uses it. */
@QuarkusTest
class StatusSocketTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Collects every text message of a connection. */
    static final class Collector implements WebSocket.Listener {
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        boolean has(String type, String status) {
            return messages.stream().anyMatch(m -> type.equals(m.path("type").asText())
                    && (status == null || status.equals(m.path("payload").path("status").asText())));
        }
    }

    @BeforeAll
    static void login() {
        Api.configure();
    }

    static WebSocket connect(String query, Collector collector) {
        URI uri = URI.create("ws://localhost:" + RestAssured.port + "/ws/status" + query);
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + Api.adminToken())
                .buildAsync(uri, collector).join();
    }

    @Test
    void handshakeNeedsAValidToken() {
        URI uri = URI.create("ws://localhost:" + RestAssured.port + "/ws/status");
        for (String header : new String[] {null, "Bearer not-a-token"}) {
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            if (header != null) {
                builder.header("Authorization", header);
            }
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> builder.buildAsync(uri, new Collector()).join());
            assertTrue(refused.getCause() instanceof WebSocketHandshakeException, refused.toString());
            assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        }
        // Browsers cannot set headers on a WebSocket: the token may come as a query parameter.
        URI withToken = URI.create("ws://localhost:" + RestAssured.port + "/ws/status?token=" + Api.adminToken());
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(withToken, new Collector()).join()
                .sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void monitorReceivesStatusUpdatesAndTradeExecutionsOfABacktest() {
        given().delete("/api/v1/run/reset").then().statusCode(200);
        Collector monitor = new Collector();
        WebSocket ws = connect("", monitor);
        String runId = given().contentType(ContentType.JSON).body(Map.of("strategy_name", "MovingAverageCross",
                        "symbols", List.of("BTC/USDT"), "timeframe", "1h",
                        "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-03-01T23:59:59Z"))
                .post("/api/v1/run/backtest").then().statusCode(200).extract().path("run_id");
        await().atMost(Duration.ofSeconds(30)).until(() -> monitor.has("status_update", "completed"));

        JsonNode last = monitor.messages.stream().filter(m -> "completed".equals(m.path("payload").path("status").asText()))
                .findFirst().orElseThrow();
        assertEquals(runId, last.path("payload").path("run_id").asText());
        assertTrue(last.path("payload").has("value") && last.path("payload").has("pnl"));
        List<JsonNode> trades = monitor.messages.stream().filter(m -> "trade_execution".equals(m.path("type").asText())).toList();
        assertTrue(!trades.isEmpty(), "trade_execution messages arrive");
        // Each message is one of the run's real fills (a slow client may lose some by design; none is invented).
        List<Map<String, Object>> stored = given().queryParam("size", 1000).get("/api/v1/runs/" + runId + "/trades")
                .then().statusCode(200).extract().jsonPath().getList("items");
        for (JsonNode t : trades) {
            JsonNode p = t.path("payload");
            for (String field : List.of("side", "size", "price", "symbol", "timestamp", "run_id")) {
                assertTrue(p.has(field), "trade_execution without " + field);
            }
            assertEquals(runId, p.path("run_id").asText());
            // One id per fill: the streamed id is the stored fill's id.
            assertTrue(stored.stream().anyMatch(f -> f.get("id").equals(p.path("id").asText())
                    && f.get("timestamp").equals(p.path("timestamp").asText())
                    && f.get("side").equals(p.path("side").asText())
                    && ((Number) f.get("price")).doubleValue() == p.path("price").asDouble()), "not a stored fill: " + p);
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void runIdFollowsOneRunOfTheRunsResource() {
        Collector one = new Collector();
        Collector runner = new Collector();
        given().delete("/api/v1/run/reset").then().statusCode(200);
        String runId = given().contentType(ContentType.JSON).body(Map.of("strategy_name", "TestStrategy",
                "symbols", List.of("ETH/USDT"), "timeframe", "1m", "start_date", "2023-01-01T00:00:00Z",
                "end_date", "2023-03-01T00:00:00Z")).post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
        WebSocket a = connect("?run_id=" + runId, one);
        WebSocket b = connect("", runner);
        await().atMost(Duration.ofSeconds(60)).until(() -> one.has("status_update", "completed"));
        assertTrue(one.messages.stream().allMatch(m -> runId.equals(m.path("payload").path("run_id").asText())));
        assertTrue(runner.messages.stream().noneMatch(m -> runId.equals(m.path("payload").path("run_id").asText())),
                "the runner's stream does not carry other runs");
        a.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        b.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }

    @Test
    void queryParameters() {
        assertEquals("abc", StatusSocket.queryParameter("x=1&run_id=abc", "run_id"));
        assertEquals("a b", StatusSocket.queryParameter("run_id=a%20b", "run_id"));
        assertNull(StatusSocket.queryParameter("run_id=", "run_id"));
        assertNull(StatusSocket.queryParameter(null, "run_id"));
    }
}
