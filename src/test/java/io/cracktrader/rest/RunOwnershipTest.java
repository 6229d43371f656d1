package io.cracktrader.rest;

import static io.cracktrader.rest.Api.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 1: a run belongs to the user who started it. Another user (any role) gets 404 for
 * it on every path and never sees it in a list; a share of its strategy lets them read it, and stop
 * it only with execute. The administrator reaches every run.
 */
@QuarkusTest
class RunOwnershipTest {
    @BeforeAll
    static void configure() {
        Api.configure();
    }

    private static String startRun(String token, Map<String, Object> body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/api/v1/runs").then().statusCode(201)
                .extract().path("run_id");
    }

    private static String alice() {
        return Api.user("own-alice", "trader");
    }

    private static String bob() {
        return Api.user("own-bob", "trader");
    }

    private static String viewer() {
        return Api.user("own-viewer", "viewer");
    }

    @Test
    void anotherUsersRunIsNotFoundOnEveryPath() {
        String backtest = startRun(alice(), Api.testStrategyExample());
        Api.awaitRunEnd(backtest);
        String paper = startRun(alice(), Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"),
                "timeframe", "1m", "mode", "paper"));
        for (String other : List.of(bob(), viewer())) {
            for (String id : List.of(backtest, paper)) {
                for (String path : List.of("", "/results", "/trades", "/equity", "/candles")) {
                    as(other).get("/api/v1/runs/" + id + path).then().statusCode(404);
                }
            }
            as(other).get("/api/v1/runs?size=1000").then().statusCode(200)
                    .body("items.run_id", not(hasItem(backtest))).body("items.run_id", not(hasItem(paper)));
        }
        as(bob()).post("/api/v1/runs/" + paper + "/stop").then().statusCode(404);
        as(bob()).delete("/api/v1/runs/" + backtest).then().statusCode(404);
        // Still there, and still running: the owner reaches both.
        as(alice()).get("/api/v1/runs/" + paper).then().statusCode(200).body("status", not("stopped"));
        as(alice()).get("/api/v1/runs/" + backtest + "/results").then().statusCode(200);
        as(alice()).get("/api/v1/runs?size=1000").then().body("items.run_id", hasItem(backtest));
        Api.as(Api.adminToken()).get("/api/v1/runs/" + paper).then().statusCode(200);
        as(alice()).post("/api/v1/runs/" + paper + "/stop").then().statusCode(200);
    }

    @Test
    void theRunnerShowsItsRunToItsOwnerOnly() {
        as(alice()).delete("/api/v1/run/reset").then().statusCode(200);
        String id = as(alice()).contentType(ContentType.JSON).body(Api.longBacktest()).post("/api/v1/run/backtest").then()
                .statusCode(200).extract().path("run_id");
        as(alice()).get("/api/v1/status").then().statusCode(200).body("run_id", org.hamcrest.Matchers.is(id));
        // Busy, without saying whose run or what it is.
        as(bob()).get("/api/v1/status").then().statusCode(200).body("run_id", nullValue())
                .body("strategy_name", nullValue());
        as(bob()).get("/api/v1/results").then().statusCode(404);
        as(bob()).post("/api/v1/run/stop").then().statusCode(409);
        as(bob()).delete("/api/v1/run/reset").then().statusCode(409);
        as(alice()).get("/api/v1/runs/" + id).then().statusCode(200).body("status", not("stopped"));
        as(alice()).post("/api/v1/run/stop").then().statusCode(200);
    }

    @Test
    void aSharedStrategysRunsAreReadableAndStoppableOnlyWithExecute() {
        String strategy = as(alice()).contentType(ContentType.JSON).body(Map.of("name", "Shared runs",
                        "category", "trend_following", "timeframe", "1m", "parameters", Map.of("fast_period", 3,
                                "slow_period", 8))).post("/api/strategies").then().statusCode(201).extract().path("id");
        String run = as(alice()).post("/api/strategies/" + strategy + "/start").then().statusCode(200).extract()
                .path("current_run_id");
        as(bob()).get("/api/v1/runs/" + run).then().statusCode(404);
        as(alice()).contentType(ContentType.JSON).body(Map.of("username", "own-bob", "permissions", List.of("read")))
                .post("/api/strategies/" + strategy + "/share").then().statusCode(200);
        as(bob()).get("/api/v1/runs/" + run).then().statusCode(200);
        as(bob()).post("/api/v1/runs/" + run + "/stop").then().statusCode(403);
        as(alice()).contentType(ContentType.JSON).body(Map.of("username", "own-bob", "permissions",
                        List.of("read", "execute"))).post("/api/strategies/" + strategy + "/share").then().statusCode(200);
        as(bob()).post("/api/v1/runs/" + run + "/stop").then().statusCode(200);
    }
}
