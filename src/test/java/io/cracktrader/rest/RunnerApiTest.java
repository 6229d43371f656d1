package io.cracktrader.rest;

import static io.cracktrader.rest.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner API of 01/02, driven as its documented clients drive it. */
@QuarkusTest
class RunnerApiTest {

    @org.junit.jupiter.api.BeforeAll
    static void numbers() {
        Api.configure();
    }

    @BeforeEach
    void idleRunner() {
        Api.reset();
    }

    @Test
    void healthAnswersWithChecksAndMetrics() {
        given().get("/api/v1/health").then().statusCode(200)
                .body("status", is("healthy"))
                .body("checks.database.status", is("healthy"))
                .body("metrics", hasKey("active_runs"))
                .body("timestamp", notNullValue());
    }

    @Test
    void idleAfterReset() {
        given().get("/api/v1/status").then().statusCode(200).body("status", is("idle")).body("run_id", nullValue());
        given().get("/api/v1/results").then().statusCode(404).body("error.code", is("NOT_FOUND"));
    }

    @Test
    void catalogues() {
        given().get("/api/v1/strategies").then().statusCode(200)
                .body("strategies", hasItem("MovingAverageCross"))
                .body("strategies", hasItem("TestStrategy"))
                .body("details.find { it.name == 'MovingAverageCross' }.parameters.fast_period.default", is(10))
                .body("details.find { it.name == 'MovingAverageCross' }.parameters.slow_period.max", notNullValue());
        given().get("/api/v1/strategies/TestStrategy").then().statusCode(200).body("parameters", hasKey("period"));
        given().get("/api/v1/strategies/Nope").then().statusCode(404).body("error.code", is("NOT_FOUND"));
        given().get("/api/v1/exchanges").then().statusCode(200)
                .body("exchanges", hasItem("simulated"))
                .body("default_exchange", is("simulated"))
                .body("details.find { it.name == 'simulated' }.simulated", is(true));
    }

    @Test
    void movingAverageCrossExampleRunsToCompletedWithDocumentedResults() {
        String runId = post("/api/v1/run/backtest", Api.maCrossExample()).then().statusCode(200)
                .body("success", is(true)).body("run_id", notNullValue()).body("message", notNullValue())
                .extract().path("run_id");
        assertEquals("completed", Api.awaitRunEnd(runId));

        given().get("/api/v1/status").then().statusCode(200)
                .body("run_id", is(runId)).body("status", is("completed")).body("mode", is("backtest"))
                .body("start_time", notNullValue()).body("runtime_seconds", greaterThan(0.0))
                .body("cash", notNullValue()).body("value", notNullValue()).body("pnl", notNullValue())
                .body("trade_count", greaterThan(0))
                .body("data_source.simulated", is(true));

        JsonPath results = given().get("/api/v1/results").then().statusCode(200)
                .body("run_id", is(runId)).body("status", is("completed"))
                .body("final_value", greaterThan(0.0))
                .body("performance_metrics", allOf(hasKey("sharpe_ratio"), hasKey("max_drawdown"),
                        hasKey("total_trades"), hasKey("win_rate"), hasKey("total_return")))
                .body("trades", not(empty()))
                .body("trades", everyItem(allOf(hasKey("id"), hasKey("timestamp"), hasKey("symbol"), hasKey("side"),
                        hasKey("size"), hasKey("price"), hasKey("value"), hasKey("pnl"), hasKey("commission"))))
                .body("equity_curve", not(empty()))
                .body("equity_curve", everyItem(allOf(hasKey("timestamp"), hasKey("value"), hasKey("cash"),
                        hasKey("pnl"))))
                .body("data_source.simulated", is(true))
                .extract().jsonPath();

        // Accounting: the final equity point is the final value; total_return follows from it; fills are
        // at bar opens inside the requested range, alternating buy/sell.
        double finalValue = results.getDouble("final_value");
        List<Map<String, Object>> equity = results.getList("equity_curve");
        assertEquals(finalValue, ((Number) equity.get(equity.size() - 1).get("value")).doubleValue(), 1e-9);
        assertEquals(finalValue / 10_000 - 1, results.getDouble("performance_metrics.total_return"), 1e-12);
        List<Map<String, Object>> trades = results.getList("trades");
        for (int i = 0; i < trades.size(); i++) {
            Map<String, Object> t = trades.get(i);
            assertEquals(i % 2 == 0 ? "buy" : "sell", t.get("side"));
            assertTrue(((String) t.get("timestamp")).compareTo("2024-01-01") > 0);
            assertTrue(((String) t.get("timestamp")).compareTo("2024-03-02") < 0);
            double value = ((Number) t.get("value")).doubleValue();
            assertEquals(((Number) t.get("size")).doubleValue() * ((Number) t.get("price")).doubleValue(), value,
                    1e-9 * value);
            assertEquals(value * 0.001, ((Number) t.get("commission")).doubleValue(), 1e-9 * value);
            if (i % 2 == 0) {
                assertEquals(null, t.get("pnl"), "an opening fill has no pnl");
            }
        }
        int closed = trades.size() / 2;
        assertEquals(closed, results.getInt("performance_metrics.total_trades"));
        // The wider analytics, and the buy-and-hold benchmark beside every equity point.
        Map<String, Object> metrics = results.getMap("performance_metrics");
        for (String key : List.of("cagr", "sortino_ratio", "calmar_ratio", "volatility", "max_drawdown_duration_bars",
                "exposure", "profit_factor", "expectancy", "sqn", "best_trade", "worst_trade", "longest_win_streak",
                "longest_loss_streak", "benchmark_return")) {
            assertTrue(metrics.containsKey(key), "missing " + key);
        }
        double lastBenchmark = ((Number) equity.get(equity.size() - 1).get("benchmark")).doubleValue();
        assertEquals(lastBenchmark / 10_000 - 1, results.getDouble("performance_metrics.benchmark_return"), 1e-12);
        double exposure = results.getDouble("performance_metrics.exposure");
        assertTrue(exposure > 0 && exposure < 1, "exposure " + exposure);
        // 1,464 hourly bars from Jan 1 to Mar 1 23:00.
        given().get("/api/v1/runs/" + runId).then().body("bars_processed", is(1464)).body("progress", is(1.0));
    }

    @Test
    void testStrategyWithDefaultsCompletes() {
        String runId = post("/api/v1/run/backtest", Api.testStrategyExample()).then().statusCode(200)
                .extract().path("run_id");
        assertEquals("completed", Api.awaitRunEnd(runId));
        given().get("/api/v1/results").then().statusCode(200)
                .body("final_value", greaterThan(0.0))
                .body("performance_metrics.total_trades", greaterThan(0));
        given().get("/api/v1/status/detailed").then().statusCode(200)
                .body("status", is("completed"))
                .body("recent_trades", not(empty()))
                .body("equity_curve", not(empty()))
                .body("performance_metrics.total_return", notNullValue());
    }

    @Test
    void secondPostWhileRunningIsRefusedAndStopIsQuick() {
        String runId = post("/api/v1/run/backtest", Api.longBacktest()).then().statusCode(200).extract().path("run_id");
        Api.awaitStatus(runId, "running");

        post("/api/v1/run/backtest", Api.testStrategyExample()).then().statusCode(409)
                .body("error.code", is("RUNNER_BUSY"))
                .body("error.message", is("Runner is not idle. Current status: running"))
                .body("status_code", is(409)).body("path", is("/api/v1/run/backtest")).body("timestamp", notNullValue());
        post("/api/v1/run/live", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT")))
                .then().statusCode(409).body("error.code", is("RUNNER_BUSY"));

        long before = System.nanoTime();
        given().post("/api/v1/run/stop").then().statusCode(200).body("success", is(true)).body("status", is("stopped"));
        long stopMillis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(stopMillis < 1000, "stop took " + stopMillis + " ms");

        given().get("/api/v1/status").then().body("status", is("stopped")).body("end_time", notNullValue());
        given().post("/api/v1/run/stop").then().statusCode(409).body("error.code", is("CONFLICT"));
        given().delete("/api/v1/run/reset").then().statusCode(200).body("success", is(true));
        given().get("/api/v1/status").then().body("status", is("idle"));
    }

    @Test
    void resetStopsAnActiveRun() {
        String runId = post("/api/v1/run/backtest", Api.longBacktest()).then().statusCode(200).extract().path("run_id");
        Api.awaitStatus(runId, "running");
        given().delete("/api/v1/run/reset").then().statusCode(200);
        given().get("/api/v1/status").then().body("status", is("idle"));
        given().get("/api/v1/runs/" + runId).then().body("status", is("stopped"));
    }

    @Test
    void paperRunOnTheSimulatedExchangeTradesAndStops() {
        Map<String, Object> body = new HashMap<>(Map.of("strategy_name", "TestStrategy",
                "strategy_params", Map.of("period", 5, "threshold", 0.001),
                "symbols", List.of("BTC/USDT"), "timeframe", "1m", "mode", "paper"));
        String runId = post("/api/v1/run/live", body).then().statusCode(200)
                .body("mode", is("paper")).body("message", containsString("Paper")).extract().path("run_id");
        Api.awaitStatus(runId, "running");
        // The test clock runs 3,600× real time: a one-minute bar closes every 1/60 s.
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                given().get("/api/v1/status").then().extract().<Number>path("trade_count").intValue() > 2);
        double first = given().get("/api/v1/status").then().body("status", is("running"))
                .body("value", notNullValue()).extract().<Number>path("bars_processed").doubleValue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                given().get("/api/v1/status").then().extract().<Number>path("bars_processed").doubleValue() > first + 10);
        List<Map<String, Object>> live = given().get("/api/v1/status/detailed").then().statusCode(200)
                .body("status", is("running")).extract().jsonPath().getList("equity_curve");
        assertTrue(live.size() > 10, "the live curve grows with the bars");
        for (int i = 1; i < live.size(); i++) {
            assertTrue(((String) live.get(i).get("timestamp")).compareTo((String) live.get(i - 1).get("timestamp")) > 0);
            assertTrue(live.get(i).containsKey("benchmark"));
        }
        given().post("/api/v1/run/stop").then().statusCode(200).body("status", is("stopped"));
        given().get("/api/v1/results").then().statusCode(200)
                .body("mode", is("paper")).body("trades", not(empty()))
                .body("final_value", greaterThan(0.0)).body("data_source.simulated", is(true));
    }

    @Test
    void liveTradingIsRefusedUnlessEnabled() {
        post("/api/v1/run/live", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"),
                "mode", "live")).then().statusCode(403).body("error.code", is("AUTHORIZATION_ERROR"));
        given().get("/api/v1/status").then().body("status", is("idle"));
    }

    @Test
    void unreachableExchangeFailsTheRunClearlyWithoutInventingData() {
        Map<String, Object> body = new HashMap<>(Api.maCrossExample());
        body.put("exchange", "binance");
        String runId = post("/api/v1/run/backtest", body).then().statusCode(200).extract().path("run_id");
        assertEquals("failed", Api.awaitRunEnd(runId));
        given().get("/api/v1/status").then()
                .body("status", is("failed"))
                .body("error", containsString("binance"))
                .body("data_source.simulated", is(false))
                .body("trade_count", is(0));
        given().get("/api/v1/results").then().statusCode(200).body("trades", empty()).body("final_value", nullValue());
    }

    @Test
    void credentialsAreNeverEchoed() {
        Map<String, Object> body = new HashMap<>(Api.testStrategyExample());
        body.put("exchange_config", Map.of("apiKey", "AKIA-SECRET-KEY-123", "secret", "s3cr3t-value"));
        String response = post("/api/v1/run/backtest", body).then().statusCode(200).extract().asString();
        String runId = io.restassured.path.json.JsonPath.from(response).getString("run_id");
        Api.awaitRunEnd(runId);
        for (String path : List.of("/api/v1/status", "/api/v1/status/detailed", "/api/v1/results",
                "/api/v1/runs/" + runId, "/api/v1/runs")) {
            String text = given().get(path).then().statusCode(lessThan(500)).extract().asString();
            assertTrue(!text.contains("AKIA-SECRET-KEY-123") && !text.contains("s3cr3t-value"), path + " leaks");
        }
        assertTrue(!response.contains("s3cr3t-value"));
    }
}
