package io.cracktrader.rest;

import static io.cracktrader.rest.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets a 4xx with the one error body: never a 500, a stack trace or a class name. */
@QuarkusTest
class ValidationTest {

    @org.junit.jupiter.api.BeforeAll
    static void numbers() {
        Api.configure();
    }

    @Test
    void malformedJsonIs400() {
        for (String path : List.of("/api/v1/run/backtest", "/api/v1/run/live", "/api/v1/runs")) {
            given().contentType(ContentType.JSON).body("{\"strategy_name\": ").post(path).then().statusCode(400)
                    .body("error.code", is("VALIDATION_ERROR")).body("status_code", is(400)).body("path", is(path))
                    .body("timestamp", notNullValue());
        }
        given().contentType(ContentType.JSON).body("{} trailing").post("/api/v1/runs").then().statusCode(400);
        given().contentType(ContentType.JSON).body("[1, 2]").post("/api/v1/runs").then().statusCode(400);
        given().contentType(ContentType.JSON).post("/api/v1/runs").then().statusCode(400);
    }

    @Test
    void eachInvalidFieldIsNamed() {
        post("/api/v1/runs", Map.of("strategy_name", "NoSuchStrategy", "symbols", List.of(), "timeframe", "2h",
                "initial_cash", -1, "start_date", "2024-03-01", "end_date", "2024-01-01", "mode", "yolo",
                "commission", 0.5)).then().statusCode(422)
                .body("error.code", is("VALIDATION_ERROR"))
                .body("error.details", allOf(hasKey("strategy_name"), hasKey("symbols"), hasKey("timeframe"),
                        hasKey("initial_cash"), hasKey("end_date"), hasKey("mode"), hasKey("commission")));
    }

    @Test
    void strategyParametersAreChecked() {
        post("/api/v1/runs", Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("BTC/USDT"),
                "strategy_params", Map.of("fast_period", 0, "slow_period", "thirty", "bogus", 1)))
                .then().statusCode(422)
                .body("error.details", allOf(hasKey("strategy_params.fast_period"), hasKey("strategy_params.slow_period"),
                        hasKey("strategy_params.bogus")));
        post("/api/v1/runs", Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("BTC/USDT"),
                "strategy_params", Map.of("fast_period", 40, "slow_period", 20)))
                .then().statusCode(422).body("error.details.'strategy_params.fast_period'", containsString("smaller"));
    }

    @Test
    void wrongTypesAndBadSymbolsAre422() {
        post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"), "initial_cash", "lots"))
                .then().statusCode(422).body("error.details", hasKey("initial_cash"));
        post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTCUSDT")))
                .then().statusCode(422).body("error.details", hasKey("symbols"));
        post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT", "btc/usdt")))
                .then().statusCode(422).body("error.details", hasKey("symbols"));
        post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"), "exchange", "nowhere"))
                .then().statusCode(422).body("error.details", hasKey("exchange"));
        post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"),
                "start_date", "yesterday")).then().statusCode(422).body("error.details", hasKey("start_date"));
        post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"),
                "timeframe", "1m", "start_date", "1970-01-01T00:00:00Z")).then().statusCode(422)
                .body("error.details.start_date", containsString("limit"));
    }

    @Test
    void sizingAndCostsAreChecked() {
        post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"),
                "sizing", Map.of("mode", "martingale"), "fixed_commission", -1)).then().statusCode(422)
                .body("error.details", allOf(hasKey("sizing.mode"), hasKey("fixed_commission")));
        post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"),
                "sizing", Map.of("mode", "risk", "value", 0.01))).then().statusCode(422)
                .body("error.details", hasKey("sizing.stop_distance"));
        post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"),
                "sizing", Map.of("mode", "percent_equity", "value", 2))).then().statusCode(422)
                .body("error.details", hasKey("sizing.value"));
    }

    @Test
    void unknownPathsMethodsAndMediaTypes() {
        given().get("/api/v1/nothing-here").then().statusCode(404).body("error.code", is("NOT_FOUND"));
        given().get("/api/v1/runs/no-such-run").then().statusCode(404).body("error.code", is("NOT_FOUND"));
        // Their own codes (security finding 10: they once said VALIDATION_ERROR).
        given().put("/api/v1/status").then().statusCode(405).body("error.code", is("METHOD_NOT_ALLOWED"));
        given().contentType(ContentType.TEXT).body("hello").post("/api/v1/runs").then().statusCode(415)
                .body("error.code", is("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void noBadInputProducesA500() {
        List<String> bodies = List.of("", "null", "0", "\"text\"", "{}", "{\"symbols\": \"BTC/USDT\"}",
                "{\"symbols\": [null]}", "{\"symbols\": [1]}", "{\"strategy_params\": []}",
                "{\"strategy_name\": \"TestStrategy\", \"symbols\": [\"BTC/USDT\"], \"strategy_params\": {\"period\": 1e400}}",
                "{\"strategy_name\": \"TestStrategy\", \"symbols\": [\"BTC/USDT\"], \"initial_cash\": 1e400}",
                "{\"strategy_name\": \"TestStrategy\", \"symbols\": [\"BTC/USDT\"], \"strategy_params\": {\"period\": 2.5}}",
                "{\"strategy_name\": \"TestStrategy\", \"symbols\": [\"BTC/USDT\"], \"strategy_params\": {\"printlog\": 3}}",
                "{\"strategy_name\": 5, \"symbols\": [\"BTC/USDT\"]}", "{\"timeframe\": {}}");
        for (String body : bodies) {
            for (String path : List.of("/api/v1/runs", "/api/v1/run/backtest")) {
                given().contentType(ContentType.JSON).body(body).post(path).then()
                        .statusCode(allOf(is(org.hamcrest.Matchers.greaterThanOrEqualTo(400)), lessThan(500)))
                        .body("error.code", notNullValue())
                        .body(not(containsString("Exception")))
                        .body(not(containsString("at io.")));
            }
        }
    }
}
