package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.exchange.fake.FakeBinance;
import io.cracktrader.exchange.fake.FakeBinanceResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Binance through XChange's real client code, over HTTP, against {@link FakeBinance}: the candle cache,
 * orders (idempotent after a timeout), pre-trade checks from exchangeInfo, faults, readiness, and that
 * the account's secret never shows in a response or a log line.
 */
@QuarkusTest
@WithTestResource(FakeBinanceResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BinanceExchangeTest {
    /** Every response body and header seen by this class, and every log line of the service. */
    static final ConcurrentLinkedQueue<String> SEEN = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> LOGS = new ConcurrentLinkedQueue<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String text = record instanceof org.jboss.logmanager.ExtLogRecord ext ? ext.getFormattedMessage()
                    : record.getMessage();
            StringBuilder all = new StringBuilder(String.valueOf(text));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                all.append(" | ").append(t);
            }
            LOGS.add(all.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    FakeBinance fake = FakeBinanceResource.fake;

    @BeforeAll
    static void setUp() {
        Api.configure();
        RestAssured.filters((request, response, context) -> {
            io.restassured.response.Response r = context.next(request, response);
            SEEN.add(r.getHeaders().toString());
            SEEN.add(r.getBody().asString());
            return r;
        });
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void tearDown() {
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @BeforeEach
    void storeKeys() {
        fake.reset();
        given().contentType(ContentType.JSON).body(Map.of("apiKey", FakeBinance.API_KEY, "secret", FakeBinance.SECRET))
                .put("/api/account/credentials/binance").then().statusCode(200)
                .body("exchange", is("binance")).body("configured", is(true));
    }

    private static Map<String, Object> binanceBacktest(String start, String end) {
        Map<String, Object> body = new HashMap<>(Api.maCrossExample());
        body.put("exchange", "binance");
        body.put("start_date", start);
        body.put("end_date", end);
        body.put("strategy_params", Map.of("fast_period", 5, "slow_period", 20));
        return body;
    }

    private static String runToEnd(Map<String, Object> body) {
        String id = Api.post("/api/v1/runs", body).then().statusCode(201).extract().path("run_id");
        assertEquals("completed", Api.awaitRunEnd(id), () -> given().get("/api/v1/runs/" + id).asString());
        return id;
    }

    /** Found by the API fuzz test: XChange knows a symbol only once the instrument list is loaded. */
    @Test
    void tickersNeedNoOrderFirstAndAnUnlistedSymbolIsTheCallersMistake() {
        given().queryParam("exchange", "binance").get("/api/market/ticker/BTC/USDT").then().statusCode(200);
        given().queryParam("exchange", "binance").get("/api/market/ticker/NOPE/NOPE").then().statusCode(422)
                .body("error.code", is("VALIDATION_ERROR")).body("error.details.symbol", containsString("does not list"));
    }

    @Test
    @Order(1)
    void registryListsEveryBundledModuleWithCapabilities() {
        List<String> names = given().get("/api/v1/exchanges").then().statusCode(200).extract().jsonPath().getList("exchanges");
        assertTrue(names.containsAll(List.of("binance", "bitstamp", "bybit", "coinbase", "kraken", "okx", "simulated")), names::toString);
        given().get("/api/v1/exchanges").then()
                .body("details.find { it.name == 'binance' }.candles", is(true))
                .body("details.find { it.name == 'binance' }.sandbox", is(true))
                .body("details.find { it.name == 'binance' }.order_types", hasItem("stop"))
                .body("details.find { it.name == 'kraken' }.sandbox", is(false))
                .body("details.find { it.name == 'simulated' }.modes", hasItem("paper"));
    }

    @Test
    @Order(2)
    void aBacktestDownloadsCandlesOnceAndOnlyTheMissingRangeLater() {
        given().queryParam("exchange", "binance").delete("/api/market/cache").then().statusCode(200);
        String first = runToEnd(binanceBacktest("2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z"));
        int klines = fake.requests("GET", "/api/v3/klines").size();
        assertTrue(klines >= 2, "two months of hours take two pages of 1,000: " + klines);

        String second = runToEnd(binanceBacktest("2024-01-01T00:00:00Z", "2024-03-01T00:00:00Z"));
        assertEquals(klines, fake.requests("GET", "/api/v3/klines").size(), "the cached range is not fetched again");
        double value = given().get("/api/v1/runs/" + first).then().extract().<Number>path("value").doubleValue();
        assertEquals(value, given().get("/api/v1/runs/" + second).then().extract().<Number>path("value").doubleValue(),
                "the same candles give the same result");

        runToEnd(binanceBacktest("2024-01-15T00:00:00Z", "2024-03-10T00:00:00Z"));
        List<FakeBinance.Request> later = fake.requests("GET", "/api/v3/klines").subList(klines,
                fake.requests("GET", "/api/v3/klines").size());
        assertFalse(later.isEmpty(), "the new days are fetched");
        long cachedEnd = java.time.Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
        for (FakeBinance.Request r : later) {
            assertTrue(Long.parseLong(r.params().get("startTime")) >= cachedEnd, "only the missing range: " + r.params());
        }
        given().get("/api/market/cache").then().statusCode(200)
                .body("ranges.find { it.exchange == 'binance' && it.timeframe == '1h' }.symbol", is("BTC/USDT"));

        given().queryParam("exchange", "binance").queryParam("symbol", "BTC-USDT").delete("/api/market/cache")
                .then().statusCode(200).body("removed_candles", notNullValue());
        int before = fake.requests("GET", "/api/v3/klines").size();
        runToEnd(binanceBacktest("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z"));
        assertTrue(fake.requests("GET", "/api/v3/klines").size() > before, "after invalidation the candles are fetched again");
    }

    @Test
    @Order(3)
    void aPaperRunOnBinanceWarmsUpOnItsCandlesAndStopsCleanly() {
        int before = fake.requests("GET", "/api/v3/klines").size();
        Map<String, Object> body = new HashMap<>(Map.of("strategy_name", "MovingAverageCross",
                "symbols", List.of("BTC/USDT"), "timeframe", "1m", "mode", "paper", "exchange", "binance"));
        String runId = Api.post("/api/v1/run/live", body).then().statusCode(200).body("mode", is("paper"))
                .extract().path("run_id");
        Api.awaitStatus(runId, "running");
        assertTrue(fake.requests("GET", "/api/v3/klines").size() > before, "warm-up candles come from the exchange");
        given().post("/api/v1/run/stop").then().statusCode(200).body("status", is("stopped"));
        given().get("/api/v1/runs/" + runId).then().body("exchange", is("binance")).body("error", is((Object) null))
                .body("data_source.simulated", is(false));
    }

    @Test
    @Order(3)
    void anOrderRetriedAfterATimeoutExistsOnceAtTheExchange() {
        fake.delay("POST", "/api/v3/order", 1, 3_000); // takes effect, answers after the client's 2 s timeout
        Map<String, Object> order = Map.of("symbol", "BTC/USDT", "side", "buy", "type", "limit", "amount", 0.01,
                "price", 40_000, "client_order_id", "retry-after-timeout-1");
        String id = given().contentType(ContentType.JSON).body(order).queryParam("exchange", "binance")
                .post("/api/trading/order").then().statusCode(201)
                .body("status", is("open")).body("exchange", is("binance")).body("simulated", is(false))
                .extract().path("order_id");
        assertEquals(1, fake.ordersWithClientId("retry-after-timeout-1"));
        assertEquals(1, fake.requests("POST", "/api/v3/order").size(), "found by its client id, not placed again");

        // The client retries too: the same key returns the same order.
        given().contentType(ContentType.JSON).body(order).queryParam("exchange", "binance").post("/api/trading/order")
                .then().statusCode(200).body("order_id", is(id));
        assertEquals(1, fake.ordersWithClientId("retry-after-timeout-1"));

        given().queryParam("exchange", "binance").queryParam("status", "open").get("/api/trading/orders").then()
                .statusCode(200).body("orders.order_id", hasItem(id));
        assertEquals(400.0, given().queryParam("exchange", "binance").get("/api/account/balance").then().statusCode(200)
                .extract().<Number>path("details.binance.find { it.asset == 'USDT' }.locked").doubleValue(), 1e-9,
                "the open order holds its notional");
        given().delete("/api/trading/order/" + id).then().statusCode(200).body("status", is("cancelled"));
        assertEquals(100_000.0, given().queryParam("exchange", "binance").get("/api/account/balance").then()
                .statusCode(200).extract().<Number>path("exchanges.binance.USDT").doubleValue(), 1e-9, "released");

        String market = given().contentType(ContentType.JSON).body(Map.of("symbol", "BTC/USDT", "side", "buy", "type",
                "market", "amount", 0.1)).queryParam("exchange", "binance").post("/api/trading/order").then()
                .statusCode(201).body("status", is("filled")).extract().path("order_id");
        given().queryParam("exchange", "binance").get("/api/account/positions").then().statusCode(200)
                .body("positions.find { it.symbol == 'BTC/USDT' }.side", is("long"));
        assertTrue(market != null);
    }

    @Test
    @Order(4)
    void preTradeChecksUseTheExchangesRules() {
        Map<String, Object> base = Map.of("symbol", "BTC/USDT", "side", "buy", "type", "limit", "price", 40_000);
        for (Map.Entry<Map<String, Object>, String> bad : Map.of(
                Map.<String, Object>of("amount", 0.000001), "minimum",
                Map.<String, Object>of("amount", 0.000215), "multiple of 0.00001",
                Map.<String, Object>of("amount", 0.01, "price", 40_000.005), "tick",
                Map.<String, Object>of("amount", 5), "maximum",
                Map.<String, Object>of("amount", 2, "side", "sell"), "nsufficient").entrySet()) {
            Map<String, Object> body = new HashMap<>(base);
            body.putAll(bad.getKey());
            given().contentType(ContentType.JSON).body(body).queryParam("exchange", "binance").post("/api/trading/order")
                    .then().statusCode(422).body("error.code", is("VALIDATION_ERROR"))
                    .body(containsString(bad.getValue()));
        }
        assertEquals(0, fake.orderCount(), "nothing reached the exchange");
    }

    @Test
    @Order(5)
    void faultsBecomeClearErrorsAndReadinessFollowsTheExchange() {
        given().get("/q/health/ready").then().statusCode(200);
        fake.failWith("GET", "/api/v3/ticker/24hr", 1, 500);
        given().queryParam("exchange", "binance").get("/api/market/ticker/BTC/USDT").then().statusCode(200); // retried

        fake.failWith("GET", "/api/v3/ticker/24hr", 1, 429);
        given().queryParam("exchange", "binance").get("/api/market/ticker/BTC/USDT").then().statusCode(429)
                .header("Retry-After", notNullValue()).body("error.code", is("EXTERNAL_SERVICE_ERROR"));

        fake.failWith("GET", "/api/v3/account", 1, 401);
        given().queryParam("exchange", "binance").get("/api/account/balance").then().statusCode(502)
                .body("error.code", is("EXTERNAL_SERVICE_ERROR")).body("error.message", containsString("credentials"));

        fake.down(true);
        given().queryParam("exchange", "binance").get("/api/market/ticker/BTC/USDT").then()
                .statusCode(anyOf(is(502), is(503))).body("error.code", is("EXTERNAL_SERVICE_ERROR"));
        given().queryParam("exchange", "binance").get("/api/market/ticker/BTC/USDT").then().statusCode(503)
                .header("Retry-After", notNullValue()).body("error.message", containsString("left alone"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                given().get("/q/health/ready").then().extract().statusCode() == 503);
        given().get("/q/health/ready").then().body("checks.find { it.name == 'exchanges' }.status", is("DOWN"));

        fake.down(false);
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() ->
                given().queryParam("exchange", "binance").get("/api/market/ticker/BTC/USDT").then().extract()
                        .statusCode() == 200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                given().get("/q/health/ready").then().extract().statusCode() == 200);
    }

    @Test
    @Order(6)
    void aRunsExchangeConfigIsStoredEncryptedAndNeverShown() {
        Map<String, Object> body = binanceBacktest("2024-01-01T00:00:00Z", "2024-01-10T00:00:00Z");
        body.put("exchange_config", Map.of("apiKey", FakeBinance.API_KEY, "secret", FakeBinance.SECRET, "sandbox", false));
        String id = runToEnd(body);
        given().get("/api/v1/runs/" + id).then().statusCode(200);
        given().get("/api/v1/runs").then().statusCode(200);
        given().get("/api/v1/results").then().statusCode(anyOf(is(200), is(404)));
        given().get("/api/account/credentials").then().statusCode(200)
                .body("credentials.find { it.exchange == 'binance' }.configured", is(true));
        given().get("/api/audit").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        // An order the exchange refuses for the key: the error names the exchange, not the key.
        fake.failWith("POST", "/api/v3/order", 1, 401);
        given().contentType(ContentType.JSON).body(Map.of("symbol", "BTC/USDT", "side", "buy", "type", "limit",
                "amount", 0.01, "price", 40_000)).queryParam("exchange", "binance").post("/api/trading/order").then()
                .statusCode(502).body("error.message", containsString("refused the API credentials"));
    }

    @Test
    @Order(7)
    void theSecretNeverAppearsInAResponseOrALogLine() {
        assertTrue(fake.sawKey(FakeBinance.API_KEY),
                "the key was used, so leaking it was possible");
        assertTrue(SEEN.size() > 50, "responses were captured: " + SEEN.size());
        assertTrue(LOGS.size() > 10, "log lines were captured: " + LOGS.size());
        java.nio.file.Path key = java.nio.file.Path.of(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("cracktrader.data-dir", String.class), "cracktrader.db");
        for (String secret : List.of(FakeBinance.SECRET, FakeBinance.API_KEY)) {
            for (String response : SEEN) {
                assertFalse(response.contains(secret), () -> "a response shows a secret: " + response);
            }
            for (String line : LOGS) {
                assertFalse(line.contains(secret), () -> "a log line shows a secret: " + line);
            }
        }
        assertTrue(java.nio.file.Files.exists(key));
        try {
            String db = new String(java.nio.file.Files.readAllBytes(key), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertFalse(db.contains(FakeBinance.SECRET), "the database holds the secret only encrypted");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
