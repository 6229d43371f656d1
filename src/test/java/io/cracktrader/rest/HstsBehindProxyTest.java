package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a TLS-terminating proxy the operator trusts (README, "What the service promises"), responses carry HSTS. */
@QuarkusTest
@TestProfile(HstsBehindProxyTest.TrustedProxy.class)
class HstsBehindProxyTest {
    public static class TrustedProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1");
        }
    }

    @Test
    void aResponseThatLeftOverTlsCarriesHsts() {
        given().header("X-Forwarded-Proto", "https").get("/api/v1/health").then().statusCode(200)
                .header("Strict-Transport-Security", is(Routes.HSTS));
        given().get("/api/v1/health").then().statusCode(200).header("Strict-Transport-Security", nullValue());
    }
}
