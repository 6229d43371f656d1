package io.cracktrader.ws;

import io.cracktrader.health.HealthView;
import io.cracktrader.health.ServiceHealth;
import io.cracktrader.security.Caller;
import io.cracktrader.security.Role;
import io.cracktrader.service.RunAccess;
import io.cracktrader.service.RunEvents;
import io.cracktrader.service.view.RunView;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code /ws/system/notifications?types=run,health,maintenance} of the strategy-management API: system-wide notifications —
 * a run starting, finishing or failing ({@code run}), a change of the service's health
 * ({@code health}, checked every 5 seconds), and the service shutting down ({@code maintenance}).
 */
@WebSocket(path = "/ws/system/notifications")
@RolesAllowed(Role.Capability.READ)
public class NotificationsSocket {
    static final String CHANNEL = "system_notifications";
    static final List<String> TYPES = List.of("run", "health", "maintenance");

    @RegisterForReflection
    public record Notification(String type, String notificationType, String severity, String message,
                               Map<String, Object> data, Instant timestamp) {
    }

    /** A run's notification with the run event it came from: delivered only to who may read the run. */
    private record RunNotification(RunEvents.RunEvent source, Notification notification) {
    }

    private final SocketHub hub;
    private final ServiceHealth health;
    private final RunAccess access;
    private final SecurityIdentity identity;
    /** Last status seen per active run: status updates repeat while running; notifications are for changes. */
    private final Map<String, String> runStatus = new ConcurrentHashMap<>();
    private volatile String healthStatus;

    public NotificationsSocket(SocketHub hub, ServiceHealth health, RunAccess access, SecurityIdentity identity) {
        this.hub = hub;
        this.health = health;
        this.access = access;
        this.identity = identity;
    }

    void start(@Observes StartupEvent event) {
        hub.listenAll("notifications:runs", published -> {
            if (published.event() instanceof RunEvents.RunEvent e && e.message().payload() instanceof RunView run) {
                String before = runStatus.put(run.runId(), run.status());
                if (!run.status().equals(before)) {
                    runChanged(e, run);
                }
                if (!"starting".equals(run.status()) && !"running".equals(run.status())) {
                    runStatus.remove(run.runId());
                }
            }
        });
        hub.timer().scheduleWithFixedDelay(this::checkHealth, 5, 5, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        notify("maintenance", "warning", "The service is shutting down; active runs are being stopped", Map.of());
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        Caller caller = identity.getAttribute(Caller.ATTRIBUTE);
        Outbox outbox = hub.outbox(connection, CHANNEL, caller);
        String types = StatusSocket.queryParameter(connection.handshakeRequest().query(), "types");
        Set<String> wanted = types == null ? Set.copyOf(TYPES) : Set.of(types.split(","));
        VisibleRuns visible = new VisibleRuns(access, caller);
        hub.listen(connection, published -> {
            if (published.event() instanceof Notification n && wanted.contains(n.notificationType())) {
                outbox.send(published.json());
            } else if (published.event() instanceof RunNotification r && wanted.contains("run")
                    && visible.test(r.source())) {
                outbox.send(published.json());
            }
        });
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.leave(connection, CHANNEL);
    }

    private void runChanged(RunEvents.RunEvent source, RunView run) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", run.runId());
        data.put("status", run.status());
        data.put("mode", run.mode());
        data.put("strategy_name", run.strategyName());
        if (run.error() != null) {
            data.put("error", run.error());
        }
        String severity = "failed".equals(run.status()) ? "error" : "info";
        Notification n = new Notification("notification", "run", severity, "Run " + run.runId() + " (" + run.mode()
                + ", " + run.strategyName() + ") is " + run.status(), data, Instant.now());
        hub.publish(new RunNotification(source, n), n);
    }

    private void checkHealth() {
        try {
            HealthView h = health.evaluateNow();
            String before = healthStatus;
            healthStatus = h.status();
            if (before != null && !before.equals(h.status())) {
                notify("health", "healthy".equals(h.status()) ? "info" : "error",
                        "Service health changed from " + before + " to " + h.status(), Map.of("checks", h.checks()));
            }
        } catch (RuntimeException e) {
            // The next check reports it.
        }
    }

    private void notify(String type, String severity, String message, Map<String, Object> data) {
        Notification n = new Notification("notification", type, severity, message, data, Instant.now());
        hub.publish(n, n);
    }
}
