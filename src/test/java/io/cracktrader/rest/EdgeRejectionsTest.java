package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 10, the rejections made below JAX-RS: an over-long URI, over-large headers or body,
 * a refused CORS origin and a refused WebSocket handshake carry the one error body and a code of
 * docs/API-CONTRACT.md, as everything else does.
 */
@QuarkusTest
class EdgeRejectionsTest {
    @BeforeAll
    static void configure() {
        Api.configure();
    }

    @Test
    void tooLargeRequestsSayWhichLimitTheyCrossed() {
        given().queryParam("x", "a".repeat(10_000)).get("/api/v1/runs").then().statusCode(414)
                .contentType(ContentType.JSON).body("error.code", is("REQUEST_TOO_LARGE"))
                .body("error.details.limit", is(4096)).body("status_code", is(414));
        given().header("X-Padding", "a".repeat(30_000)).get("/api/v1/runs").then().statusCode(431)
                .body("error.code", is("REQUEST_TOO_LARGE")).body("error.details.limit", is(20_480));
        given().contentType(ContentType.JSON).body("{\"username\":\"" + "a".repeat(11 * 1024 * 1024) + "\"}")
                .post("/api/auth/login").then().statusCode(413).body("error.code", is("REQUEST_TOO_LARGE"))
                .body("error.details.limit", is(10 * 1024 * 1024));
    }

    @Test
    void aForeignOriginIsRefusedWithTheErrorBodyAndTheOwnOriginIsNot() {
        given().header("Origin", "https://attacker.example").get("/api/v1/health").then().statusCode(403)
                .body("error.code", is("AUTHORIZATION_ERROR")).body("error.message", containsString("attacker.example"))
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://attacker.example").header("Access-Control-Request-Method", "POST")
                .options("/api/auth/login").then().statusCode(403).body("error.code", is("AUTHORIZATION_ERROR"));
        given().header("Origin", "http://localhost:" + io.restassured.RestAssured.port).get("/api/v1/health").then()
                .statusCode(200);
    }

    @Test
    void aWebSocketHandshakeWithoutAValidTokenIs401WithTheErrorBody() {
        handshake().header("Authorization", "").get("/ws/status").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .body("error.code", is("AUTHENTICATION_ERROR"));
        handshake().header("Authorization", "").queryParam("token", "not-a-token").get("/ws").then().statusCode(401)
                .body("error.code", is("AUTHENTICATION_ERROR"));
        handshake().header("Authorization", "Bearer " + Api.adminToken() + "x").get("/ws/system/notifications")
                .then().statusCode(401).body("error.code", is("AUTHENTICATION_ERROR"));
    }

    @Test
    void hstsOnlyWhenTheResponseReallyGoesOverTls() {
        // Forwarded headers are not trusted unless an operator says so: a client cannot claim TLS.
        given().header("X-Forwarded-Proto", "https").get("/api/v1/health").then().statusCode(200)
                .header("Strict-Transport-Security", nullValue());
    }

    private static RequestSpecification handshake() {
        return given().header("Connection", "Upgrade").header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    }
}
