package io.cracktrader.rest;

import static io.cracktrader.rest.Api.post;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The run chart the dashboard draws: candles, the strategy's indicator lines, and stopping a run without deleting it. */
@QuarkusTest
class RunChartApiTest {
    private static final long JAN_1 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    @BeforeAll
    static void setUp() {
        Api.configure();
    }

    private static String januaryMaCross() {
        String id = post("/api/v1/runs", Map.of("strategy_name", "MovingAverageCross", "strategy_params",
                Map.of("fast_period", 10, "slow_period", 30), "symbols", List.of("BTC/USDT"), "timeframe", "1h",
                "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-02-01T00:00:00Z"))
                .then().statusCode(201).extract().path("run_id");
        assertEquals("completed", Api.awaitRunEnd(id));
        return id;
    }

    private static double at(List<List<Number>> rows, int row, int column) {
        return rows.get(row).get(column).doubleValue();
    }

    @Test
    void candlesAreTheRunsBarsWithItsAveragesAndEveryFillInsideItsCandle() {
        String id = januaryMaCross();
        JsonPath chart = given().get("/api/v1/runs/" + id + "/candles").then().statusCode(200).extract().jsonPath();
        List<List<Number>> candles = chart.getList("candles");
        assertEquals(1, chart.getInt("bars_per_candle"));
        assertEquals(31 * 24, candles.size());
        assertEquals(given().get("/api/v1/runs/" + id).then().extract().jsonPath().getLong("bars_processed"), candles.size());
        assertEquals(JAN_1, candles.get(0).get(0).longValue());

        // The overlays are the strategy's SMAs: recompute each point from the candles' closes.
        assertEquals(List.of("SMA(10)", "SMA(30)"), chart.getList("overlays.name"));
        for (int line = 0; line < 2; line++) {
            int period = line == 0 ? 10 : 30;
            List<List<Number>> points = chart.getList("overlays[" + line + "].points");
            assertEquals(candles.size() - period + 1, points.size(), "no value while SMA(" + period + ") warms up");
            for (int k = 0; k < points.size(); k++) {
                int bar = k + period - 1;
                double sum = 0;
                for (int i = bar - period + 1; i <= bar; i++) {
                    sum += at(candles, i, 4);
                }
                assertEquals(candles.get(bar).get(0).longValue(), points.get(k).get(0).longValue());
                assertEquals(sum / period, points.get(k).get(1).doubleValue(), 1e-9 * sum);
            }
        }

        // Every fill happened at a candle's time and inside its range, so its marker sits on a real candle.
        List<Map<String, Object>> trades = given().queryParam("size", 1000).get("/api/v1/runs/" + id + "/trades").then()
                .statusCode(200).extract().jsonPath().getList("items");
        assertTrue(trades.size() > 4, "the run traded");
        for (Map<String, Object> t : trades) {
            long time = Instant.parse((String) t.get("timestamp")).toEpochMilli();
            int row = (int) ((time - JAN_1) / 3_600_000L);
            assertEquals(time, candles.get(row).get(0).longValue());
            double price = ((Number) t.get("price")).doubleValue();
            assertTrue(price >= at(candles, row, 3) && price <= at(candles, row, 2),
                    "fill at " + price + " inside the candle of " + t.get("timestamp"));
        }
    }

    @Test
    void longRunsAreMergedIntoExactCoarserCandles() {
        String id = januaryMaCross();
        List<List<Number>> bars = given().get("/api/v1/runs/" + id + "/candles").then().extract().jsonPath().getList("candles");
        JsonPath merged = given().queryParam("limit", 100).get("/api/v1/runs/" + id + "/candles").then().statusCode(200)
                .extract().jsonPath();
        int per = merged.getInt("bars_per_candle");
        assertEquals(8, per, "744 bars in at most 100 candles");
        List<List<Number>> candles = merged.getList("candles");
        assertEquals(93, candles.size());
        for (int j = 0; j < candles.size(); j++) {
            int first = j * per;
            int last = Math.min(bars.size(), first + per) - 1;
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            double volume = 0;
            for (int i = first; i <= last; i++) {
                high = Math.max(high, at(bars, i, 2));
                low = Math.min(low, at(bars, i, 3));
                volume += at(bars, i, 5);
            }
            assertEquals(bars.get(first).get(0).longValue(), candles.get(j).get(0).longValue());
            assertEquals(at(bars, first, 1), at(candles, j, 1));
            assertEquals(high, at(candles, j, 2));
            assertEquals(low, at(candles, j, 3));
            assertEquals(at(bars, last, 4), at(candles, j, 4));
            assertEquals(volume, at(candles, j, 5), 1e-9 * volume);
        }
    }

    @Test
    void badChartRequestsGetTheErrorBody() {
        String id = januaryMaCross();
        given().queryParam("symbol", "ETH/USDT").get("/api/v1/runs/" + id + "/candles").then().statusCode(422)
                .body("error.code", is("VALIDATION_ERROR")).body("error.details.symbol", notNullValue());
        given().queryParam("symbol", "not a symbol").get("/api/v1/runs/" + id + "/candles").then().statusCode(422)
                .body("error.details.symbol", notNullValue());
        given().queryParam("limit", 5).get("/api/v1/runs/" + id + "/candles").then().statusCode(422)
                .body("error.details.limit", notNullValue());
        given().get("/api/v1/runs/no-such-run/candles").then().statusCode(404).body("error.code", is("NOT_FOUND"));
    }

    @Test
    void stoppingARunKeepsItWithItsFills() {
        String id = post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "strategy_params", Map.of("threshold", 0.001),
                "symbols", List.of("BTC/USDT"), "timeframe", "1m", "mode", "paper"))
                .then().statusCode(201).extract().path("run_id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/v1/runs/" + id).then().extract().jsonPath().getInt("trade_count") > 0);
        given().post("/api/v1/runs/" + id + "/stop").then().statusCode(200).body("status", is("stopped"));
        given().get("/api/v1/runs/" + id).then().statusCode(200).body("status", is("stopped"));
        int fills = given().get("/api/v1/runs/" + id + "/trades").then().statusCode(200).extract().path("pagination.total");
        assertTrue(fills > 0, "the fills are kept");
        given().post("/api/v1/runs/" + id + "/stop").then().statusCode(409).body("error.code", is("CONFLICT"));
        given().post("/api/v1/runs/no-such-run/stop").then().statusCode(404).body("error.code", is("NOT_FOUND"));
        // The chart of the stopped paper run covers the bars it went through.
        List<List<Number>> candles = given().get("/api/v1/runs/" + id + "/candles").then().statusCode(200)
                .extract().jsonPath().getList("candles");
        assertTrue(!candles.isEmpty(), "the paper run's bars are charted");
    }
}
