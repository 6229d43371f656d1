package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's pages carry a Content-Security-Policy that allows this origin only; the API does not need one. */
@QuarkusTest
class ContentSecurityPolicyTest {
    @BeforeAll
    static void configure() {
        Api.configure();
    }

    @Test
    void theDashboardIsServedUnderItsPolicy() {
        given().header("Authorization", "").get("/").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        given().get("/api/v1/status").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }
}
