package io.cracktrader.ws;

import io.cracktrader.security.Caller;
import io.cracktrader.security.Role;
import io.cracktrader.service.RunAccess;
import io.cracktrader.service.RunEvents;
import io.cracktrader.service.view.RunView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * {@code /ws/status} of the runner API: {@code status_update} (the status fields, value and pnl included) as runs
 * change and while they run, {@code trade_execution} for every fill, and {@code error} when a run
 * fails. Without a {@code run_id} query parameter it follows the runner's current run; with one, that
 * run of {@code /api/v1/runs}. Live status updates conflate per run (newest wins, ahead of queued
 * fills, at most {@code cracktrader.ws.status-max-rate} a second); fills and the final status queue in
 * order; a client that stops reading is closed with a reason.
 */
@WebSocket(path = "/ws/status")
@RolesAllowed(Role.Capability.READ)
public class StatusSocket {
    static final String CHANNEL = "status";

    /** {@code {"type": "error", "message": ...}} of the runner API. */
    @RegisterForReflection
    public record ErrorMessage(String type, String message, String runId, Instant timestamp) {
    }

    private final SocketHub hub;
    private final RunAccess access;
    private final SecurityIdentity identity;

    public StatusSocket(SocketHub hub, RunAccess access, SecurityIdentity identity) {
        this.hub = hub;
        this.access = access;
        this.identity = identity;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        String runId = queryParameter(connection.handshakeRequest().query(), "run_id");
        Caller caller = identity.getAttribute(Caller.ATTRIBUTE);
        Outbox outbox = hub.outbox(connection, CHANNEL, caller);
        // Another user's run is not streamed: it does not exist for this subscriber.
        VisibleRuns visible = new VisibleRuns(access, caller);
        hub.listen(connection, published -> {
            if (!(published.event() instanceof RunEvents.RunEvent e)
                    || !(runId == null ? e.runner() : runId.equals(e.runId())) || !visible.test(e)) {
                return;
            }
            if (e.message().payload() instanceof RunView run) {
                if (run.status().equals("starting") || run.status().equals("running")) {
                    outbox.sendLatest(e.runId(), published.json());
                } else {
                    // The end of a run goes in order, after every fill it made.
                    outbox.send(published.json());
                }
                if ("failed".equals(run.status()) && run.error() != null) {
                    outbox.send(hub.encode(new ErrorMessage("error", run.error(), run.runId(), Instant.now())));
                }
            } else {
                outbox.send(published.json());
            }
        });
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.leave(connection, CHANNEL);
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
