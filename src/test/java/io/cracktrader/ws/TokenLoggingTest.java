package io.cracktrader.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.rest.Api;
import io.cracktrader.rest.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 9: a token sent as {@code ?token=} (the documents' WebSocket clients do) never
 * appears in a log line, whether the handshake succeeds or fails.
 */
@QuarkusTest
class TokenLoggingTest {
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
    void queryTokensAreNeverLogged() throws Exception {
        String good = Api.adminToken();
        String expired = good.substring(0, good.length() - 4) + "AAAA";
        for (String path : List.of("/ws/status", "/ws", "/ws/system/notifications", "/ws/strategies/alerts")) {
            for (String token : List.of(expired, "ctk_not-a-real-key-0123456789", good)) {
                boolean connected;
                try {
                    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                            .buildAsync(URI.create("ws://localhost:" + RestAssured.port + path + "?token=" + token),
                                    new WebSocket.Listener() { }).join();
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
                    connected = true;
                } catch (CompletionException refused) {
                    // The bad tokens are refused at the handshake: that is where they were logged.
                    connected = false;
                }
                assertEquals(token.equals(good), connected, path + " with " + (token.equals(good) ? "a good" : "a bad")
                        + " token");
            }
        }
        Thread.sleep(500);
        Logger.getLogger(TokenLoggingTest.class.getName()).warning("capture probe");
        assertTrue(LOGS.lines().stream().anyMatch(l -> l.text().contains("capture probe")), "log lines are captured");
        for (String line : LOGS.lines().stream().map(LogCapture.Line::text).toList()) {
            for (String token : List.of(expired, "ctk_not-a-real-key-0123456789", good)) {
                assertFalse(line.contains(token), () -> "a log line shows a token: " + line);
            }
        }
    }
}
