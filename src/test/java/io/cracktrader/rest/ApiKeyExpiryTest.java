package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.cracktrader.store.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A key past its expiry is refused (401), however valid its secret: time is moved by editing the key's row. */
@QuarkusTest
class ApiKeyExpiryTest {
    @Inject
    Database database;

    @BeforeAll
    static void login() {
        Api.configure();
    }

    @Test
    void anExpiredKeyIs401() {
        Map<String, Object> created = Api.post("/api/auth/keys", Map.of("name", "short-lived", "permissions",
                List.of("read"), "expires_in_days", 1)).then().statusCode(201).extract().as(Map.class);
        String key = (String) created.get("key");
        given().header("Authorization", "Bearer " + key).get("/api/v1/runs").then().statusCode(200);
        database.write("expire key", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET expires_at=? WHERE id=?")) {
                ps.setLong(1, System.currentTimeMillis() - 1);
                ps.setString(2, (String) created.get("id"));
                ps.executeUpdate();
            }
        });
        given().header("Authorization", "Bearer " + key).get("/api/v1/runs").then().statusCode(401)
                .body("error.code", equalTo("AUTHENTICATION_ERROR"));
    }
}
