package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The authorization matrix, generated from the OpenAPI document: every operation without a token is
 * 401 unless it is public (DECISIONS.md), and each role is let through or refused (403) exactly as
 * the scope of the operation's security requirement says.
 */
@QuarkusTest
class AuthorizationMatrixTest {
    /** What each role of 05 may do, written out independently of the code. */
    static final Map<String, List<String>> ROLE_CAPABILITIES = Map.of(
            "viewer", List.of("read"),
            "analyst", List.of("read", "backtest"),
            "trader", List.of("read", "backtest", "write", "execute", "trade"),
            "admin", List.of("read", "backtest", "write", "execute", "trade", "admin"));
    /** Public by DECISIONS.md (health, docs) and by nature (logging in, asking whether you are logged in). */
    static final List<String> PUBLIC = List.of("GET /api/health", "GET /api/health/components", "GET /api/v1/health",
            "POST /api/auth/login", "POST /api/auth/refresh", "GET /api/auth/status");

    record Operation(String method, String path, List<String> scopes, boolean secured, String contentType) {
        String key() {
            return method + " " + path;
        }

        Response call(RequestSpecification spec) {
            String concrete = path.replaceAll("\\{[^}]+}", "no-such-id");
            if (method.equals("POST") || method.equals("PUT")) {
                String type = contentType == null ? "application/json" : contentType;
                spec = spec.contentType(type).body(type.contains("json") ? "{}" : "");
            }
            return spec.request(method, concrete);
        }
    }

    @BeforeAll
    static void login() {
        Api.configure();
    }

    @SuppressWarnings("unchecked")
    static List<Operation> operations() {
        Map<String, Object> doc = given().header("Authorization", "").queryParam("format", "json").get("/openapi")
                .then().statusCode(200).extract().as(Map.class);
        List<Operation> ops = new ArrayList<>();
        ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, item) -> item.forEach((method, op) -> {
            if (!(op instanceof Map<?, ?> operation) || !List.of("get", "post", "put", "delete").contains(method)) {
                return;
            }
            List<Map<String, List<String>>> security = (List<Map<String, List<String>>>) operation.get("security");
            List<String> scopes = security == null || security.isEmpty() ? List.of()
                    : security.get(0).getOrDefault("bearer", List.of());
            Map<String, Object> body = (Map<String, Object>) operation.get("requestBody");
            String contentType = body == null ? null
                    : ((Map<String, Object>) body.get("content")).keySet().iterator().next();
            ops.add(new Operation(method.toUpperCase(), path, scopes, security != null && !security.isEmpty(),
                    contentType));
        }));
        return ops;
    }

    @Test
    void everyOperationWithoutATokenIsRefusedUnlessPublic() {
        List<Operation> ops = operations();
        assertTrue(ops.size() > 40, "the document lists the API: " + ops.size());
        for (Operation op : ops) {
            boolean isPublic = PUBLIC.contains(op.key());
            assertEquals(!isPublic, op.secured(), op.key() + " is documented as " + (op.secured() ? "secured" : "public"));
            Response r = op.call(given().header("Authorization", ""));
            if (isPublic) {
                assertNotEquals(401, r.statusCode(), op.key());
            } else {
                assertEquals(401, r.statusCode(), op.key() + ": " + r.asString());
                assertEquals("AUTHENTICATION_ERROR", r.jsonPath().getString("error.code"), op.key());
            }
        }
    }

    @Test
    void eachRoleIsAllowedOrRefusedAsTheMatrixSays() {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String role : ROLE_CAPABILITIES.keySet()) {
            String username = "matrix-" + role;
            Api.post("/api/users", Map.of("username", username, "password", "password-" + role, "role", role))
                    .then().statusCode(201);
            tokens.put(role, Api.login(username, "password-" + role));
        }
        for (Operation op : operations()) {
            if (!op.secured() || op.key().equals("POST /api/auth/logout")) {
                continue; // logging out would end the session the next operations use (AuthTest covers it)
            }
            for (Map.Entry<String, String> role : tokens.entrySet()) {
                boolean allowed = ROLE_CAPABILITIES.get(role.getKey()).containsAll(op.scopes());
                Response r = op.call(given().header("Authorization", "Bearer " + role.getValue()));
                String what = op.key() + " as " + role.getKey() + " (needs " + op.scopes() + "): " + r.asString();
                assertNotEquals(401, r.statusCode(), what);
                if (allowed) {
                    assertNotEquals(403, r.statusCode(), what);
                } else {
                    assertEquals(403, r.statusCode(), what);
                    assertEquals("AUTHORIZATION_ERROR", r.jsonPath().getString("error.code"), what);
                }
                assertTrue(r.statusCode() < 500, what);
            }
        }
    }
}
