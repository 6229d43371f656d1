package io.cracktrader.ws;

import io.cracktrader.security.Role;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.service.RunEvents;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code /ws/status} of 01: {@code status_update} messages (the status fields, value and pnl included)
 * as runs change and while they run, and {@code trade_execution} for every fill. Without a
 * {@code run_id} query parameter it follows the runner's current run; with one, that run of
 * {@code /api/v1/runs}. A client too slow to keep up loses messages rather than slowing the engine
 * or the other clients.
 */
@WebSocket(path = "/ws/status")
@RolesAllowed(Role.Capability.READ)
public class StatusSocket {
    private final RunEvents events;
    private final ObjectMapper json;

    public StatusSocket(RunEvents events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    @OnOpen
    public Multi<String> open(WebSocketConnection connection) {
        String runId = queryParameter(connection.handshakeRequest().query(), "run_id");
        return events.stream()
                .filter(e -> runId == null ? e.runner() : runId.equals(e.runId()))
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())   // encode off the engine's thread
                .map(e -> write(e.message()));
    }

    private String write(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            return "{\"type\":\"error\",\"message\":\"could not encode an update\"}";
        }
    }

    static String queryParameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.isBlank() ? null : value;
            }
        }
        return null;
    }
}
