package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 7: a refresh token works once. Refreshing hands out a new one; presenting an old
 * one again is taken as theft and revokes the whole session, so neither the thief's nor the owner's
 * tokens of that session work any more.
 */
@QuarkusTest
class RefreshRotationTest {
    @BeforeAll
    static void configure() {
        Api.configure();
    }

    private static io.restassured.response.Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", token)).post("/api/auth/refresh");
    }

    @Test
    void aReusedRefreshTokenRevokesItsSession() {
        Api.user("rotation-user", "viewer");
        JsonPath login = given().contentType(ContentType.JSON)
                .body(Map.of("username", "rotation-user", "password", "rotation-user-password"))
                .post("/api/auth/login").then().statusCode(200).extract().jsonPath();
        String first = login.getString("refresh_token");
        JsonPath second = refresh(first).then().statusCode(200).extract().jsonPath();
        String next = second.getString("refresh_token");
        assertNotEquals(first, next, "each refresh hands out a new refresh token");
        Api.as(second.getString("access_token")).get("/api/auth/status").then().statusCode(200);
        // The finding: the old token kept working (2nd and 3rd use answered 200).
        refresh(first).then().statusCode(401);
        refresh(next).then().statusCode(401);
        Api.as(second.getString("access_token")).get("/api/strategies").then().statusCode(401);
    }
}
