package io.cracktrader.ws;

import static io.cracktrader.rest.Api.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cracktrader.rest.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 8: a WebSocket lives no longer than what authenticated it. Logging out, changing
 * the password and deleting the user close the user's open connections with 1008 within seconds.
 */
@QuarkusTest
class SessionEndTest {
    @BeforeAll
    static void configure() {
        Api.configure();
    }

    private static void awaitPolicyClose(WsClient client) {
        await().atMost(Duration.ofSeconds(10)).until(() -> client.closeCode != null);
        assertEquals(1008, client.closeCode, client.closeReason);
    }

    @Test
    void loggingOutChangingThePasswordOrDeletionClosesTheUsersSockets() {
        String loggingOut = Api.user("end-logout", "viewer");
        String changing = Api.user("end-password", "viewer");
        String deleted = Api.user("end-deleted", "viewer");
        String bystander = Api.user("end-bystander", "viewer");
        WsClient a = WsClient.connectAs("/ws/status", loggingOut);
        WsClient b = WsClient.connectAs("/ws", changing);
        WsClient c = WsClient.connectAs("/ws/system/notifications", deleted);
        WsClient d = WsClient.connectAs("/ws/status", bystander);
        try {
            as(loggingOut).post("/api/auth/logout").then().statusCode(200);
            as(changing).contentType(ContentType.JSON).body(Map.of("current_password", "end-password-password",
                    "new_password", "another-password")).put("/api/auth/password").then().statusCode(200);
            String id = as(Api.adminToken()).get("/api/users").then().extract().jsonPath()
                    .getString("users.find { it.username == 'end-deleted' }.id");
            as(Api.adminToken()).delete("/api/users/" + id).then().statusCode(200);
            awaitPolicyClose(a);
            awaitPolicyClose(b);
            awaitPolicyClose(c);
            assertNull(d.closeCode, "another user's connection stays open");
        } finally {
            d.close();
        }
    }
}
