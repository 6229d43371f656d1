package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A burst over an API key's limit gets 429 with Retry-After and the error body; health is never limited. */
@QuarkusTest
class RateLimitTest {

    @BeforeAll
    static void login() {
        Api.configure();
    }

    @Test
    void burstOverTheKeysLimitIs429WithRetryAfter() {
        String key = Api.post("/api/auth/keys", Map.of("name", "tight", "permissions", List.of("read"), "rate_limit", 5))
                .then().statusCode(201).extract().path("key");
        List<Integer> statuses = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i < 12; i++) {
            Response r = given().header("Authorization", "Bearer " + key).get("/api/v1/runs");
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && refused == null) {
                refused = r;
            }
        }
        // The first request authenticates the key (until then the default 100/min applies), then 5/min holds.
        assertTrue(statuses.subList(0, 5).stream().allMatch(s -> s == 200), statuses.toString());
        assertTrue(statuses.stream().filter(s -> s == 429).count() >= 6, statuses.toString());
        assertTrue(refused != null);
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        refused.then().body("error.code", equalTo("RATE_LIMITED")).body("status_code", equalTo(429));
        // Health and metrics stay reachable for the same client.
        for (int i = 0; i < 5; i++) {
            given().header("Authorization", "Bearer " + key).get("/api/v1/health").then().statusCode(200);
            given().header("Authorization", "Bearer " + key).get("/q/health/ready").then().statusCode(200);
        }
        // Another key is not affected.
        String other = Api.post("/api/auth/keys", Map.of("name", "other")).then().statusCode(201).extract().path("key");
        assertEquals(200, given().header("Authorization", "Bearer " + other).get("/api/v1/runs").statusCode());
    }
}
