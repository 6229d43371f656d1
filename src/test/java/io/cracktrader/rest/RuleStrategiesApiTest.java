package io.cracktrader.rest;

import static io.cracktrader.rest.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strategies users add as rules, through the API, without a restart. */
@QuarkusTest
class RuleStrategiesApiTest {

    @BeforeAll
    static void numbers() {
        Api.configure();
    }

    static Map<String, Object> smaCrossRule(String name) {
        Map<String, Object> fast = Map.of("indicator", "sma", "period", 10);
        Map<String, Object> slow = Map.of("indicator", "sma", "period", 30);
        return Map.of("name", name, "description", "SMA 10/30 crossover written as rules",
                "entry", Map.of("cross_above", List.of(fast, slow)), "exit", Map.of("cross_below", List.of(fast, slow)));
    }

    static String unique() {
        return "Rule_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static List<Map<String, Object>> trades(String runId) {
        assertEquals("completed", Api.awaitRunEnd(runId));
        return given().get("/api/v1/runs/" + runId + "/results").then().statusCode(200).extract().jsonPath().getList("trades");
    }

    @Test
    void aRuleStrategyTradesLikeTheEquivalentBuiltIn() {
        String name = unique();
        post("/api/v1/strategies", smaCrossRule(name)).then().statusCode(201)
                .body("name", is(name)).body("kind", is("rule")).body("definition.entry.cross_above[0].indicator", is("sma"));
        given().get("/api/v1/strategies").then().body("strategies", hasItem(name));
        given().get("/api/v1/strategies/" + name).then().statusCode(200).body("kind", is("rule"));

        Map<String, Object> range = Map.of("symbols", List.of("ETH/USDT"), "timeframe", "1h",
                "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-04-01T00:00:00Z");
        Map<String, Object> builtInRun = new java.util.HashMap<>(range);
        builtInRun.put("strategy_name", "MovingAverageCross");
        Map<String, Object> ruleRun = new java.util.HashMap<>(range);
        ruleRun.put("strategy_name", name);
        List<Map<String, Object>> expected = trades(post("/api/v1/runs", builtInRun).then().statusCode(201).extract().path("run_id"));
        List<Map<String, Object>> actual = trades(post("/api/v1/runs", ruleRun).then().statusCode(201).extract().path("run_id"));
        assertTrue(expected.size() > 10);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            for (String key : List.of("timestamp", "side", "price", "size", "pnl", "commission")) {
                assertEquals(expected.get(i).get(key), actual.get(i).get(key), key + " of trade " + i);
            }
        }
    }

    @Test
    void invalidRulesNameTheNode() {
        Map<String, Object> bad = Map.of("name", unique(),
                "entry", Map.of("and", List.of(Map.of("gt", List.of(Map.of("price", "close"), 0)),
                        Map.of("cross_above", List.of(Map.of("indicator", "ema", "period", -3), 1)))),
                "exit", Map.of("lt", List.of(Map.of("indicator", "rsi"), 30)));
        post("/api/v1/strategies", bad).then().statusCode(422).body("error.code", is("VALIDATION_ERROR"))
                .body("error.details.'entry.and[1].cross_above[0].period'", notNullValue());
        post("/api/v1/strategies", Map.of("name", unique(), "entry", "yes", "exit", Map.of("gt", List.of(1, 0))))
                .then().statusCode(422).body("error.details.entry", notNullValue());
        post("/api/v1/strategies", Map.of("name", "9bad", "entry", Map.of(), "exit", Map.of()))
                .then().statusCode(422).body("error.details.name", notNullValue());
    }

    @Test
    void namesAreUniqueBuiltInsStayAndDeletedRulesAreGone() {
        String name = unique();
        post("/api/v1/strategies", smaCrossRule(name)).then().statusCode(201);
        post("/api/v1/strategies", smaCrossRule(name)).then().statusCode(409).body("error.code", is("CONFLICT"));
        post("/api/v1/strategies", smaCrossRule("MovingAverageCross")).then().statusCode(409);
        given().delete("/api/v1/strategies/MovingAverageCross").then().statusCode(409);
        given().delete("/api/v1/strategies/" + name).then().statusCode(204);
        given().get("/api/v1/strategies/" + name).then().statusCode(404);
        given().delete("/api/v1/strategies/" + name).then().statusCode(404);
        post("/api/v1/runs", Map.of("strategy_name", name, "symbols", List.of("BTC/USDT")))
                .then().statusCode(422).body("error.details.strategy_name", notNullValue());
    }
}
