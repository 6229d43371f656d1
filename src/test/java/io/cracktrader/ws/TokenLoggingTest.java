package io.cracktrader.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.rest.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 9: a token sent as {@code ?token=} (the documents' WebSocket clients do) never
 * appears in a log line, whether the handshake succeeds or fails.
 */
@QuarkusTest
class TokenLoggingTest {
    static final ConcurrentLinkedQueue<String> LOGS = new ConcurrentLinkedQueue<>();
    static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder all = new StringBuilder(String.valueOf(record instanceof ExtLogRecord ext
                    ? ext.getFormattedMessage() : record.getMessage()));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                all.append(" | ").append(t);
            }
            LOGS.add(record.getLoggerName() + ": " + all);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void capture() {
        Api.configure();
        Logger.getLogger("").addHandler(CAPTURE);
    }

    @AfterAll
    static void release() {
        Logger.getLogger("").removeHandler(CAPTURE);
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
        assertTrue(LOGS.stream().anyMatch(l -> l.contains("capture probe")), "log lines are captured");
        for (String line : LOGS) {
            for (String token : List.of(expired, "ctk_not-a-real-key-0123456789", good)) {
                assertFalse(line.contains(token), () -> "a log line shows a token: " + line);
            }
        }
    }
}
