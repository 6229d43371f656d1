package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Logins, sessions and API keys: what works, and every way a token can be bad (401). */
@QuarkusTest
class AuthApiTest {

    @BeforeAll
    static void login() {
        Api.configure();
    }

    static JsonPath loginAs(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().jsonPath();
    }

    static Response get(String token, String path) {
        return given().header("Authorization", "Bearer " + token).get(path);
    }

    @Test
    void loginGivesAJwtThatStatusAndTheApiAccept() {
        JsonPath tokens = loginAs(Api.ADMIN, Api.ADMIN_PASSWORD);
        assertEquals("bearer", tokens.getString("token_type"));
        assertTrue(tokens.getInt("expires_in") > 0);
        assertEquals("admin", tokens.getString("user.role"));
        String access = tokens.getString("access_token");
        get(access, "/api/auth/status").then().statusCode(200).body("authenticated", equalTo(true))
                .body("username", equalTo("admin")).body("method", equalTo("jwt")).body("permissions", hasItem("admin"));
        given().header("Authorization", "").get("/api/auth/status").then().statusCode(200)
                .body("authenticated", equalTo(false));
        given().contentType(ContentType.JSON).body(Map.of("username", "admin", "password", "wrong-password"))
                .post("/api/auth/login").then().statusCode(401).body("error.code", equalTo("AUTHENTICATION_ERROR"))
                .body("error.message", equalTo("Invalid username or password"));
        given().contentType(ContentType.JSON).body(Map.of("username", "nobody", "password", "wrong-password"))
                .post("/api/auth/login").then().statusCode(401).body("error.message", equalTo("Invalid username or password"));
    }

    @Test
    void tamperedExpiredAndRevokedTokensAre401() {
        JsonPath tokens = loginAs(Api.ADMIN, Api.ADMIN_PASSWORD);
        String access = tokens.getString("access_token");
        get(access, "/api/v1/runs").then().statusCode(200);

        // Tampered: a changed claim (role) with the old signature, and a changed signature.
        String[] parts = access.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace("\"admin\"", "\"root\"").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String resigned = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? "B" : "A") + parts[2].substring(1);
        for (String bad : List.of(forged, resigned, "not.a.jwt", "garbage")) {
            get(bad, "/api/v1/runs").then().statusCode(401).body("error.code", equalTo("AUTHENTICATION_ERROR"))
                    .header("WWW-Authenticate", "Bearer");
        }

        // Expired: the same claims and key, but past their expiry.
        String sid = JsonPath.from(payload).getString("sid");
        String sub = JsonPath.from(payload).getString("sub");
        byte[] key = Base64.getDecoder().decode(Api.JWT_SECRET);
        String expired = Jwt.issuer("cracktrader").subject(sub).upn("admin").claim("sid", sid).claim("typ", "access")
                .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600))
                .jws().algorithm(SignatureAlgorithm.HS256).sign(new SecretKeySpec(key, "HmacSHA256"));
        get(expired, "/api/v1/runs").then().statusCode(401);
        // The same minted token, unexpired, is accepted: the 401 above is the expiry alone.
        String fresh = Jwt.issuer("cracktrader").subject(sub).upn("admin").claim("sid", sid).claim("typ", "access")
                .expiresIn(600).jws().algorithm(SignatureAlgorithm.HS256).sign(new SecretKeySpec(key, "HmacSHA256"));
        get(fresh, "/api/v1/runs").then().statusCode(200);
        // A refresh token is not an access token.
        get(tokens.getString("refresh_token"), "/api/v1/runs").then().statusCode(401);

        // Refresh gives a new access token; logout revokes the session: every token of it stops working.
        String refreshed = given().contentType(ContentType.JSON).body(Map.of("refresh_token", tokens.getString("refresh_token")))
                .post("/api/auth/refresh").then().statusCode(200).extract().path("access_token");
        get(refreshed, "/api/v1/runs").then().statusCode(200);
        given().header("Authorization", "Bearer " + access).post("/api/auth/logout").then().statusCode(200);
        for (String revoked : List.of(access, refreshed, fresh)) {
            get(revoked, "/api/v1/runs").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", tokens.getString("refresh_token")))
                .post("/api/auth/refresh").then().statusCode(401);
    }

    @Test
    void apiKeysReadOrWriteAndRevokedOrTamperedAre401() {
        JsonPath created = Api.post("/api/auth/keys", Map.of("name", "notebook", "permissions", List.of("read")))
                .then().statusCode(201).body("key", notNullValue()).extract().jsonPath();
        String key = created.getString("key");
        String id = created.getString("id");
        get(key, "/api/v1/runs").then().statusCode(200);
        get(key, "/api/auth/status").then().body("method", equalTo("api_key")).body("permissions", contains("read"));
        // Read-only: no state changes, whatever the owner's role.
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(Api.testStrategyExample())
                .post("/api/v1/runs").then().statusCode(403).body("error.code", equalTo("AUTHORIZATION_ERROR"));
        // Keys are listed without their secret, and are created only from a login session.
        given().get("/api/auth/keys").then().statusCode(200).body("keys.find { it.id == '" + id + "' }.key", nullValue());
        given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON).body(Map.of("name", "x"))
                .post("/api/auth/keys").then().statusCode(403);

        String writer = Api.post("/api/auth/keys", Map.of("name", "bot", "permissions", List.of("read", "write")))
                .then().statusCode(201).extract().path("key");
        given().header("Authorization", "Bearer " + writer).contentType(ContentType.JSON).body(Api.testStrategyExample())
                .post("/api/v1/runs").then().statusCode(201);

        String tampered = key.substring(0, key.length() - 2) + (key.endsWith("AA") ? "BB" : "AA");
        get(tampered, "/api/v1/runs").then().statusCode(401);
        get("ctk_0000000000000000_secret", "/api/v1/runs").then().statusCode(401);
        given().delete("/api/auth/keys/" + id).then().statusCode(200);
        get(key, "/api/v1/runs").then().statusCode(401).body("error.code", equalTo("AUTHENTICATION_ERROR"));
        given().get("/api/auth/keys").then().body("keys.find { it.id == '" + id + "' }.revoked_at", notNullValue());
    }

    @Test
    void usersAndPasswordsAreStoredHashedAndManagedByAdmins() {
        Api.post("/api/users", Map.of("username", "alice", "password", "alice-password", "role", "analyst"))
                .then().statusCode(201).body("role", equalTo("analyst")).body("password", nullValue());
        Api.post("/api/users", Map.of("username", "alice", "password", "alice-password")).then().statusCode(409);
        Api.post("/api/users", Map.of("username", "bob", "password", "short", "role", "pilot")).then().statusCode(422)
                .body("error.details.password", notNullValue()).body("error.details.role", notNullValue());
        String alice = loginAs("alice", "alice-password").getString("access_token");
        get(alice, "/api/users").then().statusCode(403);
        given().header("Authorization", "Bearer " + alice).contentType(ContentType.JSON)
                .body(Map.of("current_password", "alice-password", "new_password", "alice-new-password"))
                .put("/api/auth/password").then().statusCode(200);
        get(alice, "/api/v1/runs").then().statusCode(401); // a new password ends old sessions
        loginAs("alice", "alice-new-password");
        String listed = given().get("/api/users").then().statusCode(200).extract().asString();
        assertFalse(listed.contains("$2"), "no password hash leaves the service");
    }

    @Test
    void everyChangeIsAudited() {
        String id = Api.post("/api/strategies", Map.of("name", "Audited", "category", "momentum")).then().statusCode(201)
                .extract().path("id");
        // Recorded off the request's thread: wait for it.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                !given().queryParam("target", id).get("/api/audit").then().extract().jsonPath().getList("entries").isEmpty());
        given().queryParam("target", id).get("/api/audit").then().statusCode(200)
                .body("entries[0].method", equalTo("POST")).body("entries[0].username", equalTo("admin"))
                .body("entries[0].path", equalTo("/api/strategies")).body("entries[0].status", equalTo(201));
    }
}
