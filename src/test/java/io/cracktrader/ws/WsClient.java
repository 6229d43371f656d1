package io.cracktrader.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.rest.Api;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/** A real WebSocket client (the JDK's) that records every message with the time it arrived. */
public final class WsClient implements WebSocket.Listener {
    static final ObjectMapper JSON = new ObjectMapper();

    public record Received(JsonNode json, long atMillis) {
    }

    final List<Received> received = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    public volatile Integer closeCode;
    volatile String closeReason;
    private final StringBuilder partial = new StringBuilder();
    private final boolean stalled;
    WebSocket socket;

    private WsClient(boolean stalled) {
        this.stalled = stalled;
    }

    /** Connects with the administrator's token; {@code stalled} clients never read after the first message. */
    public static WsClient connect(String pathAndQuery, boolean stalled) {
        WsClient client = new WsClient(stalled);
        URI uri = URI.create("ws://localhost:" + RestAssured.port + pathAndQuery);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + Api.adminToken()).buildAsync(uri, client).join();
        return client;
    }

    public static WsClient connect(String pathAndQuery) {
        return connect(pathAndQuery, false);
    }

    /** Connects as the user whose access token is {@code token}. */
    public static WsClient connectAs(String pathAndQuery, String token) {
        WsClient client = new WsClient(false);
        URI uri = URI.create("ws://localhost:" + RestAssured.port + pathAndQuery);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token).buildAsync(uri, client).join();
        return client;
    }

    @Override
    public void onOpen(WebSocket ws) {
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(new Received(JSON.readTree(partial.toString()), System.currentTimeMillis()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        if (!stalled) {
            ws.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeCode = statusCode;
        closeReason = reason;
        return null;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    public void close() {
        if (closeCode == null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }

    public List<Received> snapshot() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<JsonNode> messages(Predicate<JsonNode> filter) {
        return snapshot().stream().map(Received::json).filter(filter).toList();
    }

    public boolean has(Predicate<JsonNode> filter) {
        return snapshot().stream().map(Received::json).anyMatch(filter);
    }

    public static Predicate<JsonNode> type(String type) {
        return m -> type.equals(m.path("type").asText());
    }

    /** Data messages of a channel (acknowledgements name the channel too, but carry no data). */
    public static Predicate<JsonNode> channel(String channel) {
        return m -> channel.equals(m.path("channel").asText()) && m.has("data");
    }
}
