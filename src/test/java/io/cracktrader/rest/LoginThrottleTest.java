package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 3: password guessing is throttled per account, whatever headers the guesser sends
 * (a random bearer token on the login path once bought a fresh budget per token); the account's own
 * correct password is refused too while it is locked, and each failure is in the audit log.
 */
@QuarkusTest
class LoginThrottleTest {
    @BeforeAll
    static void configure() {
        Api.configure();
    }

    private static Response login(String username, String password) {
        return given().header("Authorization", "Bearer " + UUID.randomUUID()).contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login");
    }

    @Test
    void guessingOneAccountIsLockedOutWithRetryAfter() {
        Api.user("throttle-victim", "trader");
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            int status = login("throttle-victim", "guess-" + i).then().extract().statusCode();
            assertTrue(status == 401 || status == 429, "status " + status);
            refused += status == 429 ? 1 : 0;
        }
        assertTrue(refused > 0, "eight wrong passwords in a row are throttled");
        login("throttle-victim", "throttle-victim-password").then().statusCode(429)
                .header("Retry-After", notNullValue()).body("error.code", is("RATE_LIMITED"));
        List<Map<String, Object>> audit = given().queryParam("limit", 200).get("/api/audit").then().statusCode(200)
                .extract().jsonPath().getList("entries");
        assertTrue(audit.stream().anyMatch(e -> "throttle-victim".equals(e.get("username"))
                && Integer.valueOf(401).equals(e.get("status")) && String.valueOf(e.get("path")).contains("login")),
                "failed logins are audited: " + audit);
    }
}
