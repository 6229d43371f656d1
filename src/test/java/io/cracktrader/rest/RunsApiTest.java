package io.cracktrader.rest;

import static io.cracktrader.rest.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Many runs at once through /api/v1/runs. */
@QuarkusTest
class RunsApiTest {

    @org.junit.jupiter.api.BeforeAll
    static void numbers() {
        Api.configure();
    }

    @Test
    void twentyRunsStartedAtOnceAllCompleteAndAreListed() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<CompletableFuture<String>> started = new ArrayList<>();
        String[] symbols = {"BTC/USDT", "ETH/USDT", "SOL/USDT", "XRP/USDT", "ADA/USDT"};
        for (int i = 0; i < 20; i++) {
            Map<String, Object> body = new HashMap<>(Map.of("strategy_name", i % 2 == 0 ? "MovingAverageCross" : "TestStrategy",
                    "symbols", List.of(symbols[i % symbols.length]), "timeframe", i % 3 == 0 ? "15m" : "1h",
                    "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-06-01T00:00:00Z"));
            started.add(CompletableFuture.supplyAsync(() -> post("/api/v1/runs", body).then().statusCode(201)
                    .header("Location", notNullValue()).body("status", notNullValue())
                    .extract().<String>path("run_id"), clients));
        }
        Set<String> ids = new HashSet<>();
        for (CompletableFuture<String> f : started) {
            ids.add(f.get());
        }
        clients.shutdown();
        assertEquals(20, ids.size());
        for (String id : ids) {
            assertEquals("completed", Api.awaitRunEnd(id));
            given().get("/api/v1/runs/" + id).then().body("progress", is(1.0)).body("runtime_seconds", notNullValue());
        }
        List<String> listed = new ArrayList<>();
        for (int page = 1; page <= 5; page++) {
            listed.addAll(given().queryParam("page", page).queryParam("size", 100).get("/api/v1/runs").then()
                    .statusCode(200).extract().<List<String>>path("items.run_id"));
        }
        assertTrue(listed.containsAll(ids));
    }

    @Test
    void listIsPaginatedAndFiltered() {
        String a = post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT")))
                .then().statusCode(201).extract().path("run_id");
        Api.awaitRunEnd(a);
        given().queryParam("size", 1).get("/api/v1/runs").then().statusCode(200)
                .body("items", hasSize(1)).body("pagination.page", is(1)).body("pagination.size", is(1))
                .body("pagination.total", greaterThan(0)).body("pagination.pages", greaterThan(0));
        given().queryParam("strategy", "TestStrategy").queryParam("status", "completed").queryParam("mode", "backtest")
                .get("/api/v1/runs").then().statusCode(200)
                .body("items.strategy_name", everyItem(is("TestStrategy")))
                .body("items.status", everyItem(is("completed")));
        given().queryParam("status", "bogus").queryParam("size", 0).get("/api/v1/runs").then().statusCode(422)
                .body("error.details.status", notNullValue()).body("error.details.size", notNullValue());
    }

    @Test
    void tradesPagesAndDownsampledEquity() {
        String id = post("/api/v1/runs", Api.maCrossExample()).then().statusCode(201).extract().path("run_id");
        assertEquals("completed", Api.awaitRunEnd(id));
        int total = given().get("/api/v1/runs/" + id + "/trades").then().statusCode(200)
                .body("pagination.total", greaterThan(2)).extract().<Number>path("pagination.total").intValue();
        List<String> page1 = given().queryParam("size", 2).get("/api/v1/runs/" + id + "/trades").then()
                .body("items", hasSize(2)).extract().path("items.id");
        List<String> page2 = given().queryParam("size", 2).queryParam("page", 2).get("/api/v1/runs/" + id + "/trades")
                .then().body("items", hasSize(lessThanOrEqualTo(2))).extract().path("items.id");
        assertTrue(page1.stream().noneMatch(page2::contains));
        assertEquals(total, given().get("/api/v1/runs/" + id + "/results").then().extract().<Number>path("trades.size()").intValue());

        given().get("/api/v1/runs/" + id + "/equity").then().statusCode(200).body("size()", is(1464));
        given().queryParam("points", 100).get("/api/v1/runs/" + id + "/equity").then().statusCode(200)
                .body("size()", is(100));
        given().queryParam("points", 1).get("/api/v1/runs/" + id + "/equity").then().statusCode(422);
    }

    @Test
    void sizingAndFixedCommissionShapeTheFills() {
        Map<String, Object> body = new HashMap<>(Api.maCrossExample());
        body.put("sizing", Map.of("mode", "percent_equity", "value", 0.25));
        body.put("fixed_commission", 1.0);
        String id = post("/api/v1/runs", body).then().statusCode(201).extract().path("run_id");
        assertEquals("completed", Api.awaitRunEnd(id));
        var first = given().get("/api/v1/runs/" + id + "/trades").then().statusCode(200).extract().jsonPath();
        double value = first.getDouble("items[0].value");
        assertEquals(2_500, value, 1e-6, "a quarter of the 10,000 equity");
        assertEquals(value * 0.001 + 1.0, first.getDouble("items[0].commission"), 1e-9);
        given().get("/api/v1/runs/" + id).then()
                .body("strategy_name", is("MovingAverageCross"));
    }

    /** Finding of the durability issue: an active paper run's trades page was empty while its status counted fills. */
    @Test
    void anActiveRunListsEveryFillItCountsAndEveryEndSaysWhy() {
        String paper = post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"),
                "timeframe", "1m", "mode", "paper", "strategy_params", Map.of("period", 5, "threshold", 0.0005)))
                .then().statusCode(201).extract().path("run_id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
                given().get("/api/v1/runs/" + paper).then().extract().<Integer>path("trade_count") >= 3);
        for (int i = 0; i < 10; i++) {
            int counted = given().get("/api/v1/runs/" + paper).then().body("stop_reason", is((Object) null))
                    .extract().path("trade_count");
            int listed = given().queryParam("size", 1000).get("/api/v1/runs/" + paper + "/trades").then()
                    .extract().path("pagination.total");
            assertTrue(listed >= counted, "listed " + listed + " of the " + counted + " fills the status counts");
        }
        given().post("/api/v1/runs/" + paper + "/stop").then().statusCode(200).body("status", is("stopped"))
                .body("stop_reason", is("user"));
        int counted = given().get("/api/v1/runs/" + paper).then().extract().path("trade_count");
        given().get("/api/v1/runs/" + paper + "/trades").then().body("pagination.total", is(counted));

        String completed = post("/api/v1/runs", Api.maCrossExample()).then().statusCode(201).extract().path("run_id");
        assertEquals("completed", Api.awaitRunEnd(completed));
        given().get("/api/v1/runs/" + completed).then().body("stop_reason", is((Object) null));
        String stopped = post("/api/v1/runs", Api.longBacktest()).then().statusCode(201).extract().path("run_id");
        given().post("/api/v1/runs/" + stopped + "/stop").then().statusCode(200);
        assertEquals("stopped", Api.awaitRunEnd(stopped));
        given().get("/api/v1/runs/" + stopped).then().body("stop_reason", is("user"));
    }

    @Test
    void deleteCancelsAndRemoves() {
        String id = post("/api/v1/runs", Api.longBacktest()).then().statusCode(201).extract().path("run_id");
        given().delete("/api/v1/runs/" + id).then().statusCode(204);
        given().get("/api/v1/runs/" + id).then().statusCode(404).body("error.code", is("NOT_FOUND"));
        given().delete("/api/v1/runs/" + id).then().statusCode(404);
        given().get("/api/v1/runs/" + id + "/results").then().statusCode(404);
        given().get("/api/v1/runs/" + id + "/trades").then().statusCode(404);
        given().get("/api/v1/runs/" + id + "/equity").then().statusCode(404);
    }

    @Test
    void multiSymbolRunSplitsCashAndKeepsTheAccountingIdentity() {
        String id = post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT", "ETH/USDT"),
                "timeframe", "1h", "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-02-01T00:00:00Z"))
                .then().statusCode(201).extract().path("run_id");
        assertEquals("completed", Api.awaitRunEnd(id));
        var results = given().get("/api/v1/runs/" + id + "/results").then().statusCode(200).extract().jsonPath();
        assertTrue(results.getList("trades.symbol").containsAll(List.of("BTC/USDT", "ETH/USDT")));
        // final value = cash + open positions marked to the last close
        double cash = given().get("/api/v1/runs/" + id).then().extract().jsonPath().getDouble("cash");
        double marked = 0;
        for (Map<String, Object> p : results.<Map<String, Object>>getList("open_positions")) {
            marked += ((Number) p.get("size")).doubleValue() * ((Number) p.get("mark_price")).doubleValue();
        }
        assertEquals(results.getDouble("final_value"), cash + marked, 1e-6);
    }
}
