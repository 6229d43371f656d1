package io.cracktrader.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.security.AuthService;
import io.cracktrader.security.Caller;
import io.cracktrader.service.Blocking;
import io.cracktrader.service.RunEvents;
import io.cracktrader.service.strategy.StrategyEvents;
import io.cracktrader.trading.OrderEvents;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Fans the service's event streams (runs, strategies) out to WebSocket connections. It subscribes
 * once to each stream, hands every event to one dispatch thread (the engine only pays an enqueue),
 * encodes it once, and offers it to each interested connection's {@link Outbox}.
 */
@ApplicationScoped
public class SocketHub {
    private static final Logger LOG = Logger.getLogger(SocketHub.class);

    /** An event as connections see it: the source event and its JSON text (envelope of the runner API; null when each endpoint shapes its own). */
    public record Published(Object event, String json) {
    }

    private final RunEvents runs;
    private final StrategyEvents strategies;
    private final ObjectMapper json;
    private final SocketMetrics metrics;
    private final CracktraderConfig config;
    private final Map<String, Consumer<Published>> listeners = new ConcurrentHashMap<>();
    /** Each open connection's outbox, by connection id. */
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor dispatcher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(100_000), r -> {
                Thread t = new Thread(r, "ws-dispatch");
                t.setDaemon(true);
                return t;
            });
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ws-timer");
        t.setDaemon(true);
        return t;
    });

    private final OrderEvents orders;
    private final AuthService auth;
    /** Each open connection's caller: checked every few seconds, closed once its session or key is gone. */
    private final Map<String, Watched> watched = new ConcurrentHashMap<>();

    private record Watched(WebSocketConnection connection, Caller caller) {
    }

    public SocketHub(RunEvents runs, StrategyEvents strategies, OrderEvents orders, ObjectMapper json,
                     SocketMetrics metrics, CracktraderConfig config, AuthService auth) {
        this.orders = orders;
        this.auth = auth;
        this.runs = runs;
        this.strategies = strategies;
        this.json = json;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        runs.stream().subscribe().with(e -> dispatch(e, e.message()));
        strategies.stream().subscribe().with(e -> dispatch(e, e.message()));
        orders.stream().subscribe().with(o -> dispatch(o, null));
        timer.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            outboxes.values().forEach(o -> o.checkStalled(now));
        }, 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> Blocking.submit(this::closeEnded), 2, 2, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        dispatcher.shutdownNow();
        timer.shutdownNow();
    }

    /** Offers an event of the service itself (e.g. a notification) to every connection. */
    void publish(Object event, Object message) {
        dispatch(event, message);
    }

    private void dispatch(Object event, Object message) {
        try {
            dispatcher.execute(() -> {
                Published published = new Published(event, message == null ? null : encode(message));
                for (Consumer<Published> listener : listeners.values()) {
                    try {
                        listener.accept(published);
                    } catch (RuntimeException e) {
                        LOG.warnf("A WebSocket listener failed: %s", e.getMessage());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // 100,000 events behind: the dispatcher cannot keep up; the engine must not wait for it.
            LOG.warn("WebSocket dispatch is behind; an event was not delivered");
        }
    }

    /**
     * A new connection's outbox, counted under {@code channel} until {@link #leave}. The connection lives
     * only as long as its caller's session or API key: logout, a password or role change, revocation or
     * deletion of the user closes it with 1008 within seconds (README, "Security").
     */
    Outbox outbox(WebSocketConnection connection, String channel, Caller caller) {
        if (caller != null) {
            watched.put(connection.id(), new Watched(connection, caller));
        }
        metrics.opened(channel);
        Outbox outbox = new Outbox(connection, channel, metrics, timer, config.ws().queueCapacity(),
                config.ws().statusMaxRate(), config.ws().stallTimeout());
        outboxes.put(connection.id(), outbox);
        return outbox;
    }

    /** A service-side listener (not a connection), e.g. one that turns status changes into notifications. */
    void listenAll(String name, Consumer<Published> listener) {
        listeners.put(name, listener);
    }

    void listen(WebSocketConnection connection, Consumer<Published> listener) {
        listeners.put(connection.id(), listener);
    }

    /** The connection closed: stop offering it events and forget its outbox. */
    void leave(WebSocketConnection connection, String channel) {
        listeners.remove(connection.id());
        watched.remove(connection.id());
        Outbox outbox = outboxes.remove(connection.id());
        if (outbox != null) {
            outbox.close();
            metrics.closed(channel);
        }
    }

    /** Closes the connections whose caller is no longer valid; one check per distinct caller. */
    private void closeEnded() {
        Map<Caller, Boolean> valid = new HashMap<>();
        for (Watched w : List.copyOf(watched.values())) {
            try {
                if (!valid.computeIfAbsent(w.caller(), auth::stillValid)) {
                    watched.remove(w.connection().id());
                    w.connection().close(new CloseReason(1008, "Your session or key has ended; log in again"))
                            .subscribe().with(ok -> { }, failure -> { });
                }
            } catch (RuntimeException e) {
                LOG.debugf("Could not check a WebSocket's session: %s", e.getMessage());
            }
        }
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    String encode(Object message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            LOG.warnf("Could not encode a WebSocket message: %s", e.getMessage());
            return "{\"type\":\"error\",\"message\":\"could not encode an update\"}";
        }
    }
}
