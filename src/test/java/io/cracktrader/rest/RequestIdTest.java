package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An operator goes from a user's error to the log line: the error body and the {@code X-Request-Id}
 * header carry the request's id, and the service's log line about that answer names it and carries
 * it in its MDC (a field of JSON log lines).
 */
@QuarkusTest
class RequestIdTest {
    static final LogCapture LOGS = new LogCapture();

    @BeforeAll
    static void capture() {
        Api.configure();
        LOGS.install();
    }

    @AfterAll
    static void release() {
        LOGS.remove();
    }

    @Test
    void anErrorCarriesTheIdItsLogLineCarries() {
        Response r = given().header(RequestIds.HEADER, "support-ticket-4711").get("/api/v1/runs/no-such-run");
        r.then().statusCode(404).header(RequestIds.HEADER, "support-ticket-4711")
                .body("request_id", is("support-ticket-4711")).body("error.code", is("NOT_FOUND"));
        assertLogged("support-ticket-4711", "GET /api/v1/runs/no-such-run answered 404");

        // Without one (or with one that is not a plain token) the service makes one up.
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of(RequestIds.HEADER, "bad id\t<script>"))) {
            Response made = given().headers(headers).contentType("application/json").body(Map.of("initial_cash", -1))
                    .post("/api/v1/runs");
            made.then().statusCode(422);
            String id = made.header(RequestIds.HEADER);
            assertTrue(id != null && id.matches("[0-9a-f-]{36}"), id);
            assertEquals(id, made.jsonPath().getString("request_id"));
            assertLogged(id, "POST /api/v1/runs answered 422");
        }
    }

    @Test
    void successfulAnswersCarryTheirIdToo() {
        given().header(RequestIds.HEADER, "trace-1").get("/api/v1/status").then().statusCode(200)
                .header(RequestIds.HEADER, "trace-1");
    }

    private static void assertLogged(String id, String text) {
        Awaitility.await().untilAsserted(() -> assertTrue(LOGS.lines().stream().anyMatch(l -> l.message().contains(text)
                && l.message().contains("(request " + id + ")") && id.equals(l.requestId())),
                "a log line about " + text + " with " + id));
    }
}
