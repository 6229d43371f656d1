package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 6: budgets are not self-service. An API key's limit is capped by its owner's role,
 * and a session keeps one budget however often it is refreshed.
 */
@QuarkusTest
@TestProfile(BudgetTest.TightSessions.class)
class BudgetTest {
    /** Five requests a minute per session, so a refill between two requests cannot hide a fresh bucket. */
    public static class TightSessions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cracktrader.rate-limit.session-per-minute", "5");
        }
    }

    @BeforeAll
    static void configure() {
        Api.configure();
    }

    @Test
    void aViewersKeyCannotAskForMoreThanItsRolesCeiling() {
        String viewer = Api.user("budget-viewer", "viewer");
        Api.as(viewer).contentType(ContentType.JSON).body(Map.of("name", "greedy", "rate_limit", 100000))
                .post("/api/auth/keys").then().statusCode(422).body("error.details", hasKey("rate_limit"))
                .body("error.details.rate_limit", containsString("100"));
        Api.as(viewer).contentType(ContentType.JSON).body(Map.of("name", "modest", "rate_limit", 50))
                .post("/api/auth/keys").then().statusCode(201);
    }

    @Test
    void refreshingASessionKeepsItsBudget() {
        Api.user("budget-refresher", "viewer");
        JsonPath login = given().contentType(ContentType.JSON)
                .body(Map.of("username", "budget-refresher", "password", "budget-refresher-password"))
                .post("/api/auth/login").then().statusCode(200).extract().jsonPath();
        for (int i = 0; i < 4; i++) {
            Api.as(login.getString("access_token")).get("/api/strategies").then().statusCode(200);
        }
        String refreshed = given().contentType(ContentType.JSON).body(Map.of("refresh_token",
                login.getString("refresh_token"))).post("/api/auth/refresh").then().statusCode(200).extract()
                .path("access_token");
        // The session's fifth request, then over its budget: a fresh token once meant a fresh, full budget.
        Api.as(refreshed).get("/api/strategies").then().statusCode(200);
        Api.as(refreshed).get("/api/strategies").then().statusCode(429);
    }
}
