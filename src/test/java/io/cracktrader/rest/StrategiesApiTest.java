package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client written from 05's examples, with a JWT: list, create, get, update, delete, start, stop,
 * backtest with Monte Carlo, compare, history, templates, ensemble, categories.
 */
@QuarkusTest
class StrategiesApiTest {

    @BeforeAll
    static void login() {
        Api.configure();
    }

    /** 05's create example, with a market the service trades (symbols BASE/QUOTE, DECISIONS.md). */
    static Map<String, Object> momentum(String name) {
        return Map.of("config", Map.of("name", name, "description", "Price momentum based strategy",
                        "category", "momentum", "parameters", Map.of("fast_period", 12, "slow_period", 26, "signal_period", 9),
                        "risk_level", "medium", "tags", List.of("momentum", "technical"), "timeframe", "1h",
                        "symbols", List.of("BTC/USDT")),
                "auto_start", false, "validate_parameters", true);
    }

    static String create(Object body) {
        return Api.post("/api/strategies", body).then().statusCode(201).extract().path("id");
    }

    @Test
    void createdAsDocumentedAndListedWithFiltersAndPagination() {
        String id = create(momentum("Momentum Strategy"));
        given().get("/api/strategies/" + id).then().statusCode(200)
                .body("strategy.name", equalTo("Momentum Strategy"))
                .body("strategy.strategy_type", equalTo("MacdMomentum"))
                .body("strategy.parameters.fast_period", equalTo(12))
                .body("strategy.status", equalTo("inactive"))
                .body("strategy.positions", equalTo(0))
                .body("strategy.owner", equalTo("admin"))
                .body("$", hasKey("performance"))
                .body("$", hasKey("recent_signals"));

        // 05's test example posts the config itself, without the wrapper.
        String flat = create(Map.of("name", "Test Strategy", "category", "momentum", "parameters", Map.of()));
        // 05's create example as written: stock tickers are kept; they cannot be traded here.
        String tickers = create(Map.of("config", Map.of("name", "Tickers", "category", "momentum",
                "parameters", Map.of("fast_period", 12, "slow_period", 26, "signal_period", 9),
                "symbols", List.of("AAPL", "GOOGL", "MSFT")), "auto_start", false, "validate_parameters", true));
        given().post("/api/strategies/" + tickers + "/start").then().statusCode(422)
                .body("error.details", hasKey("symbols"));

        JsonPath page = given().queryParam("category", "momentum").queryParam("search", "momentum strat")
                .queryParam("tags", "technical").queryParam("size", 1).get("/api/strategies")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(id), page.getList("items.id"));
        assertEquals(1, page.getInt("pagination.total"));
        JsonPath all = given().queryParam("sort_by", "name").queryParam("sort_order", "asc").queryParam("size", 100)
                .get("/api/strategies").then().statusCode(200).extract().jsonPath();
        List<String> names = all.getList("items.name");
        assertTrue(names.indexOf("Momentum Strategy") < names.indexOf("Test Strategy"));
        assertTrue(all.getList("items.id").contains(flat));
        // 03's list fields on every item.
        for (String field : List.of("id", "name", "status", "pnl", "positions")) {
            assertTrue(all.getList("items").stream().allMatch(i -> ((Map<?, ?>) i).containsKey(field)), field);
        }
        given().queryParam("size", 101).get("/api/strategies").then().statusCode(422)
                .body("error.details", hasKey("size"));
    }

    @Test
    void invalidParametersAreNamedOneByOne() {
        given().contentType(ContentType.JSON).body(Map.of("config", Map.of("name", "Bad", "category", "momentum",
                        "strategy_type", "MacdMomentum", "parameters", Map.of("fast_period", 0, "slow_period", "x")),
                "validate_parameters", true)).post("/api/strategies")
                .then().statusCode(422)
                .body("error.code", equalTo("VALIDATION_ERROR"))
                .body("error.details", hasKey("parameters.fast_period"))
                .body("error.details", hasKey("parameters.slow_period"));
        given().contentType(ContentType.JSON).body(Map.of("config", Map.of("name", "", "category", "astrology")))
                .post("/api/strategies").then().statusCode(422)
                .body("error.details", hasKey("name")).body("error.details", hasKey("category"));
    }

    @Test
    void updateDeleteAndHistory() {
        String id = create(momentum("To change"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Changed", "parameters",
                        Map.of("fast_period", 5, "slow_period", 20, "signal_period", 9)))
                .put("/api/strategies/" + id).then().statusCode(200)
                .body("name", equalTo("Changed")).body("parameters.fast_period", equalTo(5));
        given().contentType(ContentType.JSON).body(Map.of("parameters", Map.of("fast_period", -1)))
                .put("/api/strategies/" + id).then().statusCode(422).body("error.details", hasKey("parameters.fast_period"));

        JsonPath history = given().get("/api/strategies/" + id + "/history").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("updated", "created"), history.getList("history.event_type"));
        assertEquals("admin", history.getString("history[0].user"));
        assertEquals("To change", history.getString("history[0].details.changes.name.from"));
        given().queryParam("event_type", "created").get("/api/strategies/" + id + "/history").then()
                .body("history.event_type", contains("created"));

        given().delete("/api/strategies/" + id).then().statusCode(200);
        given().get("/api/strategies/" + id).then().statusCode(404).body("error.code", equalTo("NOT_FOUND"));
    }

    @Test
    void startTradesOnPaperRecordsSignalsAndStops() {
        String id = create(Map.of("name", "Paper MA", "category", "trend_following", "strategy_type", "MovingAverageCross",
                "parameters", Map.of("fast_period", 3, "slow_period", 8), "symbols", List.of("BTC/USDT"), "timeframe", "1m"));
        given().post("/api/strategies/" + id + "/start").then().statusCode(200)
                .body("status", equalTo("running")).body("current_run_id", notNullValue());
        given().post("/api/strategies/" + id + "/start").then().statusCode(409);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                given().get("/api/strategies/" + id + "/signals").then().extract().jsonPath().getInt("count") >= 2);
        JsonPath signals = given().queryParam("limit", 5).get("/api/strategies/" + id + "/signals").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(signals.getInt("count") <= 5);
        assertTrue(List.of("buy", "sell").containsAll(signals.getList("signals.side")));
        // An entry (long only: a buy) realises nothing: its pnl is null, never 0; an exit has one.
        List<Map<String, Object>> all = given().queryParam("limit", 500).get("/api/strategies/" + id + "/signals").then()
                .extract().jsonPath().getList("signals");
        assertTrue(all.stream().filter(x -> "buy".equals(x.get("side"))).allMatch(x -> x.get("pnl") == null), all.toString());
        assertTrue(all.stream().filter(x -> "sell".equals(x.get("side"))).allMatch(x -> x.get("pnl") != null), all.toString());
        given().get("/api/strategies").then().body("items.find { it.id == '" + id + "' }.pnl", notNullValue());
        given().queryParam("period", "all").get("/api/strategies/" + id + "/performance").then().statusCode(200)
                .body("run_id", notNullValue()).body("total_return", notNullValue());
        given().queryParam("period", "2w").get("/api/strategies/" + id + "/performance").then().statusCode(422);

        given().post("/api/strategies/" + id + "/stop").then().statusCode(200).body("status", equalTo("stopped"));
        List<String> events = given().get("/api/strategies/" + id + "/history").then().extract().jsonPath()
                .getList("history.event_type");
        assertTrue(events.containsAll(List.of("created", "started", "stopped")), events.toString());
    }

    @Test
    void backtestWithMonteCarloAndWalkForward() {
        String id = create(momentum("Backtested"));
        Response accepted = given().contentType(ContentType.JSON).body(Map.of(
                        "start_date", "2023-01-01T00:00:00Z", "end_date", "2023-06-30T23:59:59Z", "initial_capital", 100000,
                        "commission", 0.001, "slippage", 0.0005, "include_monte_carlo", true, "monte_carlo_runs", 200,
                        "walk_forward", true, "walk_forward_window", 500))
                .post("/api/strategies/" + id + "/backtest");
        // Answered at once, with where to read it: the backtest is a queued run, not a held request.
        accepted.then().statusCode(202).body("status", oneOf("starting", "running", "completed"))
                .body("monte_carlo", nullValue());
        String location = accepted.header("Location");
        String runId = accepted.path("run_id");
        assertTrue(location.endsWith("/api/strategies/" + id + "/backtests/" + runId), location);
        JsonPath result = awaitBacktest(id, runId);
        assertEquals("completed", result.getString("status"));
        assertEquals(100000.0, result.getDouble("initial_capital"));
        assertEquals(1.0, result.getDouble("progress"));
        assertTrue(result.getInt("performance.total_trades") > 0);
        assertEquals(200, result.getInt("monte_carlo.simulations"));
        assertTrue(result.getDouble("monte_carlo.final_value.p5") <= result.getDouble("monte_carlo.final_value.p95"));
        assertTrue(result.getList("walk_forward.windows").size() > 0);
        // The backtest is a stored run of this strategy, and the history says so.
        given().get("/api/v1/runs/" + runId).then().statusCode(200).body("status", is("completed"));
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/api/strategies/" + id + "/history").then()
                .extract().jsonPath().getList("history.event_type").contains("backtest_completed"));
        given().contentType(ContentType.JSON).body(Map.of("monte_carlo_runs", 0, "include_monte_carlo", true))
                .post("/api/strategies/" + id + "/backtest").then().statusCode(422)
                .body("error.details", hasKey("monte_carlo_runs"));
        // Another strategy's backtest is not found under this strategy.
        String other = create(momentum("Other"));
        given().get("/api/strategies/" + other + "/backtests/" + runId).then().statusCode(404);
    }

    @Test
    void aStrategyBacktestWaitsInTheQueueAndCanBeStopped() {
        String id = create(Map.of("name", "Stoppable", "category", "trend_following", "timeframe", "1m",
                "parameters", Map.of("fast_period", 10, "slow_period", 30)));
        // Twelve years of minutes: long enough to be stopped while it runs or waits.
        String runId = given().contentType(ContentType.JSON).body(Map.of("start_date", "2012-01-01T00:00:00Z",
                        "end_date", "2024-01-01T00:00:00Z"))
                .post("/api/strategies/" + id + "/backtest").then().statusCode(202).extract().path("run_id");
        given().post("/api/v1/runs/" + runId + "/stop").then().statusCode(200);
        JsonPath stopped = awaitBacktest(id, runId);
        assertEquals("stopped", stopped.getString("status"));
        assertTrue(stopped.get("performance") == null, "a stopped backtest has no metrics");
    }

    /** Polls a strategy backtest until it ends. */
    static JsonPath awaitBacktest(String strategyId, String runId) {
        String path = "/api/strategies/" + strategyId + "/backtests/" + runId;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> List.of("completed",
                "failed", "stopped").contains(given().get(path).then().statusCode(200).extract().<String>path("status")));
        return given().get(path).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void compareRanksTwoToTenStrategies() {
        String a = create(momentum("Compare A"));
        String b = create(Map.of("name", "Compare B", "category", "mean_reversion", "parameters", Map.of()));
        given().queryParam("strategy_ids", a + "," + b).queryParam("period", "30d").post("/api/strategies/compare")
                .then().statusCode(200)
                .body("strategies.strategy_id", contains(a, b))
                .body("rankings", hasKey("sharpe_ratio"))
                .body("period", equalTo("30d"));
        given().queryParam("strategy_ids", a).queryParam("strategy_ids", b).queryParam("metrics", "total_return")
                .post("/api/strategies/compare").then().statusCode(200).body("metrics", contains("total_return"));
        given().queryParam("strategy_ids", a).post("/api/strategies/compare").then().statusCode(422)
                .body("error.details", hasKey("strategy_ids"));
    }

    @Test
    void templatesAndCategories() {
        JsonPath templates = given().get("/api/strategies/templates").then().statusCode(200).extract().jsonPath();
        assertTrue(templates.getList("templates.strategy_type").containsAll(List.of("MovingAverageCross", "MacdMomentum")));
        given().queryParam("category", "breakout").get("/api/strategies/templates").then()
                .body("templates.category", org.hamcrest.Matchers.everyItem(equalTo("breakout")));
        given().queryParam("risk_level", "low").get("/api/strategies/templates").then()
                .body("templates.risk_level", org.hamcrest.Matchers.everyItem(equalTo("low")));
        create(momentum("Counted"));
        given().get("/api/strategies/categories").then().statusCode(200)
                .body("categories.name", hasItem("momentum"))
                .body("categories.find { it.name == 'momentum' }.strategy_count", greaterThan(0))
                .body("categories.find { it.name == 'momentum' }.strategy_types", hasItem("MacdMomentum"));
    }

    @Test
    void ensembleWeightsMustSumToOneAndItsDrawdownLimitStopsIt() {
        String a = create(momentum("Member A"));
        String b = create(Map.of("name", "Member B", "category", "trend_following", "strategy_type", "MovingAverageCross",
                "parameters", Map.of("fast_period", 3, "slow_period", 8), "timeframe", "1m"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Bad", "strategy_weights", Map.of(a, 0.5, b, 0.4)))
                .post("/api/strategies/ensemble").then().statusCode(422).body("error.details", hasKey("strategy_weights"));
        String ensemble = Api.post("/api/strategies/ensemble", Map.of("name", "Multi-Strategy Portfolio",
                        "description", "Balanced portfolio of multiple strategies", "strategy_weights", Map.of(a, 0.6, b, 0.4),
                        "rebalance_frequency", "daily",
                        // A limit tight enough that commissions alone reach it: the supervisor must stop the members.
                        "risk_management", Map.of("max_drawdown", 0.0001, "stop_loss", 0.05)))
                .then().statusCode(201).body("category", equalTo("ensemble"))
                .body("ensemble.strategy_weights." + a, equalTo(0.6)).extract().path("id");
        given().post("/api/strategies/" + ensemble + "/start").then().statusCode(200).body("status", equalTo("running"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "stopped".equals(
                given().get("/api/strategies/" + ensemble).then().extract().path("strategy.status")));
        JsonPath history = given().get("/api/strategies/" + ensemble + "/history").then().extract().jsonPath();
        assertEquals("risk_stop", history.getString("history[0].event_type"));
        assertTrue(history.getString("history[0].details.reason").startsWith("max_drawdown"));
    }

    @Test
    void strategiesAreVisibleToOwnerAdminAndThoseTheyAreSharedWith() {
        for (String[] user : new String[][] {{"owner-trader", "trader"}, {"other-viewer", "viewer"},
                {"other-analyst", "analyst"}}) {
            Api.post("/api/users", Map.of("username", user[0], "password", "password-" + user[0], "role", user[1]))
                    .then().statusCode(201);
        }
        String owner = Api.login("owner-trader", "password-owner-trader");
        String viewer = Api.login("other-viewer", "password-other-viewer");
        String analyst = Api.login("other-analyst", "password-other-analyst");
        String id = given().header("Authorization", "Bearer " + owner).contentType(ContentType.JSON)
                .body(momentum("Private")).post("/api/strategies").then().statusCode(201).extract().path("id");

        given().header("Authorization", "Bearer " + viewer).get("/api/strategies/" + id).then().statusCode(404);
        given().header("Authorization", "Bearer " + viewer).get("/api/strategies").then()
                .body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        given().get("/api/strategies/" + id).then().statusCode(200); // the admin sees everything

        given().header("Authorization", "Bearer " + owner).contentType(ContentType.JSON)
                .body(Map.of("username", "other-viewer", "permissions", List.of("read")))
                .post("/api/strategies/" + id + "/share").then().statusCode(200);
        given().header("Authorization", "Bearer " + viewer).get("/api/strategies/" + id).then().statusCode(200)
                .body("strategy.permissions", contains("read"));
        // A grant cannot lift a role's limits: write shared with an analyst is still no write.
        given().header("Authorization", "Bearer " + owner).contentType(ContentType.JSON)
                .body(Map.of("username", "other-analyst", "permissions", List.of("read", "write")))
                .post("/api/strategies/" + id + "/share").then().statusCode(200);
        given().header("Authorization", "Bearer " + analyst).get("/api/strategies/" + id).then().statusCode(200)
                .body("strategy.permissions", contains("read"));
        given().header("Authorization", "Bearer " + viewer).contentType(ContentType.JSON).body(Map.of("name", "Mine"))
                .put("/api/strategies/" + id).then().statusCode(403);
        // The analyst may backtest what is shared with them, but not start it.
        given().header("Authorization", "Bearer " + analyst).contentType(ContentType.JSON)
                .body(Map.of("start_date", "2024-01-01T00:00:00Z", "end_date", "2024-02-01T00:00:00Z"))
                .post("/api/strategies/" + id + "/backtest").then().statusCode(202).body("run_id", notNullValue());
        given().header("Authorization", "Bearer " + analyst).post("/api/strategies/" + id + "/start").then()
                .statusCode(403);
        JsonPath history = given().get("/api/strategies/" + id + "/history").then().extract().jsonPath();
        assertTrue(history.getList("history.event_type").contains("shared"));
        assertTrue(history.getList("history.user").contains("owner-trader"));
    }

    @Test
    void systemOverviewCountsStrategies() {
        given().get("/api/system/overview").then().statusCode(200)
                .body("status", notNullValue()).body("strategies", hasKey("running"))
                .body("user.role", equalTo("admin")).body("database", notNullValue());
        given().header("Authorization", "").get("/api/system/overview").then().statusCode(401)
                .body("error.code", equalTo("AUTHENTICATION_ERROR"));
        given().get("/api/strategies/nope").then().statusCode(404).body("error", notNullValue())
                .body("success", nullValue());
    }
}
