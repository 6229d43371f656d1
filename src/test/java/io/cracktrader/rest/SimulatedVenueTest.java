package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated venue end to end: a paper run, and orders with balances consistent after each step. */
@QuarkusTest
class SimulatedVenueTest {
    private static final double FEE = 0.001;

    @BeforeAll
    static void login() {
        Api.configure();
    }

    @Test
    void aPaperRunOfMovingAverageCrossTradesShowsMovingFiguresAndStops() {
        Map<String, Object> body = new HashMap<>(Map.of("strategy_name", "MovingAverageCross",
                "strategy_params", Map.of("fast_period", 3, "slow_period", 8),
                "symbols", List.of("ETH/USDT"), "timeframe", "1m", "mode", "paper", "exchange", "simulated"));
        String runId = Api.post("/api/v1/run/live", body).then().statusCode(200).body("mode", is("paper"))
                .extract().path("run_id");
        Set<Double> values = new HashSet<>();
        Set<Double> pnls = new HashSet<>();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath s = given().get("/api/v1/status").then().statusCode(200).extract().jsonPath();
            if (s.get("value") != null) {
                values.add(s.getDouble("value"));
                pnls.add(s.getDouble("pnl"));
            }
            return s.getInt("trade_count") >= 2 && values.size() > 3 && pnls.size() > 3;
        });
        given().post("/api/v1/run/stop").then().statusCode(200).body("status", is("stopped"));
        given().get("/api/v1/runs/" + runId).then().body("status", is("stopped")).body("error", is((Object) null));
        given().get("/api/v1/runs/" + runId + "/trades").then().statusCode(200).body("items", not(List.of()));
    }

    private static Map<String, double[]> balances() {
        JsonPath b = given().queryParam("exchange", "simulated").get("/api/account/balance").then().statusCode(200)
                .extract().jsonPath();
        Map<String, double[]> out = new HashMap<>();
        for (Map<String, Object> row : b.<Map<String, Object>>getList("details.simulated")) {
            out.put((String) row.get("asset"), new double[] {((Number) row.get("free")).doubleValue(),
                    ((Number) row.get("locked")).doubleValue()});
        }
        return out;
    }

    private static double asset(Map<String, double[]> balances, String asset, int which) {
        double[] b = balances.get(asset);
        return b == null ? 0 : b[which];
    }

    private static JsonPath order(Map<String, Object> body, int status) {
        return given().contentType(ContentType.JSON).body(body).post("/api/trading/order").then().statusCode(status)
                .extract().jsonPath();
    }

    @Test
    void ordersRoundTripWithBalancesConsistentAfterEachStep() {
        Map<String, double[]> start = balances();
        double usdt = asset(start, "USDT", 0);
        assertTrue(usdt > 1000, "the account is funded: " + usdt);
        double last = given().get("/api/market/ticker/BTC/USDT").then().statusCode(200).extract().jsonPath().getDouble("last");
        double farBelow = Math.round(last * 0.5);

        // A limit buy far below the market rests and holds its notional plus fee.
        JsonPath limit = order(Map.of("symbol", "BTC/USDT", "side", "buy", "type", "limit", "amount", 0.01,
                "price", farBelow, "client_order_id", "sim-limit-1"), 201);
        assertEquals("open", limit.getString("status"));
        String limitId = limit.getString("order_id");
        Map<String, double[]> held = balances();
        double hold = 0.01 * farBelow * (1 + FEE);
        assertEquals(usdt - hold, asset(held, "USDT", 0), 1e-6);
        assertEquals(asset(start, "USDT", 1) + hold, asset(held, "USDT", 1), 1e-6);

        // Repeating the client id returns the same order and moves nothing.
        assertEquals(limitId, order(Map.of("symbol", "BTC/USDT", "side", "buy", "type", "limit", "amount", 0.01,
                "price", farBelow, "client_order_id", "sim-limit-1"), 200).getString("order_id"));
        assertEquals(asset(held, "USDT", 0), asset(balances(), "USDT", 0), 1e-9);

        given().queryParam("status", "open").queryParam("symbol", "BTC-USDT").get("/api/trading/orders").then()
                .statusCode(200).body("orders.order_id", hasItem(limitId));
        given().delete("/api/trading/order/" + limitId).then().statusCode(200).body("status", is("cancelled"));
        given().delete("/api/trading/order/" + limitId).then().statusCode(409).body("error.code", is("CONFLICT"));
        Map<String, double[]> released = balances();
        assertEquals(usdt, asset(released, "USDT", 0), 1e-6);
        assertEquals(asset(start, "USDT", 1), asset(released, "USDT", 1), 1e-6);

        // A market buy fills at once at the ask; the fee is paid in USDT.
        JsonPath buy = order(Map.of("symbol", "BTC/USDT", "side", "buy", "type", "market", "amount", 0.01), 201);
        assertEquals("filled", buy.getString("status"));
        double price = buy.getDouble("average_price");
        Map<String, double[]> bought = balances();
        assertEquals(usdt - 0.01 * price * (1 + FEE), asset(bought, "USDT", 0), 1e-6);
        assertEquals(asset(start, "BTC", 0) + 0.01, asset(bought, "BTC", 0), 1e-9);
        given().queryParam("exchange", "simulated").get("/api/account/positions").then().statusCode(200)
                .body("positions.symbol", hasItem("BTC/USDT"));

        // Selling it back returns the account to its start less two fees and the spread.
        JsonPath sell = order(Map.of("symbol", "BTC/USDT", "side", "sell", "type", "market", "amount", 0.01), 201);
        double sold = sell.getDouble("average_price");
        Map<String, double[]> end = balances();
        assertEquals(asset(start, "BTC", 0), asset(end, "BTC", 0), 1e-9);
        assertEquals(usdt - 0.01 * price * (1 + FEE) + 0.01 * sold * (1 - FEE), asset(end, "USDT", 0), 1e-6);

        // Bad input and missing funds are refused before anything moves.
        order(Map.of("symbol", "BTC/USDT", "side", "sell", "type", "market", "amount", 1000), 422);
        order(Map.of("symbol", "BTCUSDT", "side", "hold", "amount", -1), 422);
        given().delete("/api/trading/order/no-such-order").then().statusCode(404);
        assertEquals(asset(end, "USDT", 0), asset(balances(), "USDT", 0), 1e-9);
    }

    @Test
    void aRestingLimitOrderFillsWhenTheMarketTradesThroughIt() {
        double last = given().get("/api/market/ticker/SOL/USDT").then().statusCode(200).extract().jsonPath().getDouble("last");
        double limit = Math.round(last * 0.999 * 100) / 100.0;
        String id = order(Map.of("symbol", "SOL/USDT", "side", "buy", "type", "limit", "amount", 1, "price", limit), 201)
                .getString("order_id");
        // The test clock runs 3,600× real time: an hour of market passes every second.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() ->
                given().queryParam("symbol", "SOL/USDT").get("/api/trading/orders").then().extract().jsonPath()
                        .<Map<String, Object>>getList("orders").stream().anyMatch(o -> id.equals(o.get("order_id"))
                                && "filled".equals(o.get("status"))));
        double paid = given().queryParam("status", "filled").get("/api/trading/orders").then().extract()
                .<Number>path("orders.find { it.order_id == '" + id + "' }.average_price").doubleValue();
        assertTrue(paid <= limit + 1e-9, "a buy limit never pays more than its limit: " + paid + " > " + limit);
    }
}
