package io.cracktrader.ws;

import io.cracktrader.security.Caller;
import io.cracktrader.security.Role;
import io.cracktrader.service.Blocking;
import io.cracktrader.service.strategy.StrategyAccess;
import io.cracktrader.service.strategy.StrategyEvents;
import io.cracktrader.service.strategy.StrategyPerformance;
import io.cracktrader.service.strategy.StrategyViews;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The WebSocket channels of the strategy-management API for one strategy or many: signals, performance and alerts. */
public final class StrategySockets {
    /** Close code for "not allowed or not found" (1008, policy violation). */
    static final int REFUSED = 1008;

    private StrategySockets() {
    }

    @RegisterForReflection
    public record RecentSignals(String type, String strategyId, List<StrategyViews.SignalView> data, Instant timestamp) {
    }

    @RegisterForReflection
    public record PerformanceUpdate(String type, String strategyId, StrategyViews.PerformanceSummary data,
                                    Instant timestamp) {
    }

    @RegisterForReflection
    public record ErrorMessage(String type, String message) {
    }

    static void refuse(WebSocketConnection connection, String reason) {
        connection.close(new CloseReason(REFUSED, reason)).subscribe().with(ok -> { }, failure -> { });
    }

    /** What every strategy channel needs: the hub, who is connected, and what they may read. */
    abstract static class Channel {
        final SocketHub hub;
        final StrategyAccess access;
        final StrategyPerformance performance;
        private final SecurityIdentity identity;
        private final String name;

        Channel(String name, StrategyChannels beans, SecurityIdentity identity) {
            this.name = name;
            this.hub = beans.hub();
            this.access = beans.access();
            this.performance = beans.performance();
            this.identity = identity;
        }

        Caller caller() {
            return identity.getAttribute(Caller.ATTRIBUTE);
        }

        Outbox outbox(WebSocketConnection connection) {
            return hub.outbox(connection, name, caller());
        }

        /** Refuses the connection unless the caller may read the strategy; returns whether it stays open. */
        boolean admit(WebSocketConnection connection, Caller caller, String id) {
            if (!access.readable(caller, id)) {
                refuse(connection, "No strategy with id " + id);
                return false;
            }
            return true;
        }

        void leave(WebSocketConnection connection) {
            hub.leave(connection, name);
        }
    }

    /** {@code /ws/strategies/{strategy_id}/signals}: the 50 latest signals on connect, then each new one. */
    @WebSocket(path = "/ws/strategies/{strategy_id}/signals")
    @RolesAllowed(Role.Capability.READ)
    public static class Signals extends Channel {
        public Signals(StrategyChannels beans, SecurityIdentity identity) {
            super("strategy_signals", beans, identity);
        }

        @OnOpen
        public void open(WebSocketConnection connection) {
            String id = connection.pathParam("strategy_id");
            Caller caller = caller();
            Outbox outbox = outbox(connection);
            if (!admit(connection, caller, id)) {
                return;
            }
            hub.listen(connection, published -> {
                if (published.event() instanceof StrategyEvents.StrategyEvent e && id.equals(e.strategyId())
                        && e.message() instanceof StrategyEvents.SignalMessage) {
                    outbox.send(published.json());
                }
            });
            outbox.send(hub.encode(new RecentSignals("recent_signals", id, performance.signals(caller, id, 50, null),
                    Instant.now())));
        }

        @OnClose
        public void close(WebSocketConnection connection) {
            leave(connection);
        }
    }

    /** {@code /ws/strategies/{strategy_id}/performance?frequency=1..60}: the performance every N seconds. */
    @WebSocket(path = "/ws/strategies/{strategy_id}/performance")
    @RolesAllowed(Role.Capability.READ)
    public static class Performance extends Channel {
        private final Map<String, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();

        public Performance(StrategyChannels beans, SecurityIdentity identity) {
            super("strategy_performance", beans, identity);
        }

        @OnOpen
        public void open(WebSocketConnection connection) {
            String id = connection.pathParam("strategy_id");
            Caller caller = caller();
            Outbox outbox = outbox(connection);
            String frequencyText = StatusSocket.queryParameter(connection.handshakeRequest().query(), "frequency");
            int frequency;
            try {
                frequency = frequencyText == null ? 5 : Integer.parseInt(frequencyText);
            } catch (NumberFormatException e) {
                frequency = -1;
            }
            if (frequency < 1 || frequency > 60) {
                outbox.send(hub.encode(new ErrorMessage("error", "frequency must be 1 to 60 seconds")));
                refuse(connection, "frequency must be 1 to 60 seconds");
                return;
            }
            if (!admit(connection, caller, id)) {
                return;
            }
            Runnable update = () -> {
                try {
                    outbox.sendLatest("performance", hub.encode(new PerformanceUpdate("performance_update", id,
                            performance.livePerformance(caller, id), Instant.now())));
                } catch (RuntimeException e) {
                    outbox.send(hub.encode(new ErrorMessage("error", "The strategy is no longer available")));
                    refuse(connection, "The strategy is no longer available");
                }
            };
            // Computing performance reads the database: on a worker, never on the timer thread itself.
            timers.put(connection.id(), hub.timer().scheduleAtFixedRate(
                    () -> Blocking.submit(update), 0, frequency, TimeUnit.SECONDS));
        }

        @OnClose
        public void close(WebSocketConnection connection) {
            ScheduledFuture<?> timer = timers.remove(connection.id());
            if (timer != null) {
                timer.cancel(false);
            }
            leave(connection);
        }
    }

    /**
     * {@code /ws/strategies/alerts?strategy_ids=a,b}: status changes, risk warnings, errors and
     * changes of the listed strategies (all you may read when none are listed).
     */
    @WebSocket(path = "/ws/strategies/alerts")
    @RolesAllowed(Role.Capability.READ)
    public static class Alerts extends Channel {
        public Alerts(StrategyChannels beans, SecurityIdentity identity) {
            super("strategy_alerts", beans, identity);
        }

        @OnOpen
        public void open(WebSocketConnection connection) {
            Caller caller = caller();
            Outbox outbox = outbox(connection);
            String ids = StatusSocket.queryParameter(connection.handshakeRequest().query(), "strategy_ids");
            Set<String> listed = ids == null ? null : Set.of(ids.split(","));
            if (listed != null) {
                for (String id : listed) {
                    if (!admit(connection, caller, id)) {
                        return;
                    }
                }
            }
            // Which strategies this caller may read, learnt once per strategy.
            Map<String, Boolean> readable = new ConcurrentHashMap<>();
            hub.listen(connection, published -> {
                if (published.event() instanceof StrategyEvents.StrategyEvent e
                        && e.message() instanceof StrategyEvents.AlertMessage
                        && (listed != null ? listed.contains(e.strategyId())
                        : readable.computeIfAbsent(e.strategyId(), id -> access.readable(caller, id)))) {
                    outbox.send(published.json());
                }
            });
        }

        @OnClose
        public void close(WebSocketConnection connection) {
            leave(connection);
        }
    }
}
