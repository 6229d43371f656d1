package io.cracktrader.ws;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What one connection has yet to receive. Publishers only ever add here and never wait: up to
 * {@value #WINDOW} messages are in flight (written, not yet taken by the client's socket), the next go
 * as the client takes them. Ordered messages (fills, signals, acknowledgements, a run's final status)
 * queue up to a bound. A full queue means one of two things: the client
 * is reading but slower than a burst (a backtest can fill thousands of times a second) — the
 * overflow is dropped and counted; or it has taken nothing for {@code stallTimeout} — it is
 * hopelessly behind and is closed with a reason. Keyed messages (a run's status, a symbol's ticker)
 * conflate: the newest per key replaces an unsent older one, goes ahead of queued ordered messages,
 * and each key is sent at most {@code maxRatePerKey} times a second.
 */
final class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class);
    /** Close code 1008 (policy violation) is what browsers surface for "you were closed on purpose". */
    static final int TOO_SLOW = 1008;
    /** Messages written ahead of the client: enough to keep a fast client busy, few enough to notice a slow one. */
    static final int WINDOW = 32;

    private final WebSocketConnection connection;
    private final String channel;
    private final SocketMetrics metrics;
    private final ScheduledExecutorService timer;
    private final int capacity;
    private final long keyIntervalNanos;
    private final long stallNanos;
    /** When the client last took a message (or the outbox last became busy). */
    private long lastProgress = System.nanoTime();
    private final ArrayDeque<String> ordered = new ArrayDeque<>();
    private final LinkedHashMap<String, String> latest = new LinkedHashMap<>();
    private final Map<String, Long> lastSent = new LinkedHashMap<>();
    private int inFlight;
    private boolean wakeScheduled;
    private boolean closed;

    Outbox(WebSocketConnection connection, String channel, SocketMetrics metrics, ScheduledExecutorService timer,
           int capacity, double maxRatePerKey, Duration stallTimeout) {
        this.connection = connection;
        this.channel = channel;
        this.metrics = metrics;
        this.timer = timer;
        this.capacity = capacity;
        this.keyIntervalNanos = maxRatePerKey > 0 ? (long) (1e9 / maxRatePerKey) : 0;
        this.stallNanos = stallTimeout.toNanos();
    }

    /** Queues a message that must not be conflated; past the bound it is dropped, or the stalled client closed. */
    void send(String text) {
        boolean tooSlow;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (ordered.size() < capacity) {
                ordered.addLast(text);
                tooSlow = false;
            } else if (System.nanoTime() - lastProgress < stallNanos) {
                metrics.dropped(channel);
                return;
            } else {
                tooSlow = true;
                closed = true;
                ordered.clear();
                latest.clear();
            }
        }
        if (tooSlow) {
            closeTooSlow();
        } else {
            drain();
        }
    }

    /** Queues the newest message for {@code key}, replacing an unsent older one. */
    void sendLatest(String key, String text) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (latest.remove(key) != null) {
                metrics.dropped(channel);
            }
            latest.put(key, text);
        }
        drain();
    }

    /**
     * Called every second: a client that has taken nothing for the stall timeout while a message
     * waits for it is hopelessly behind, and is closed with a reason.
     */
    void checkStalled(long now) {
        synchronized (this) {
            if (closed || inFlight == 0 || now - lastProgress < stallNanos) {
                return;
            }
            closed = true;
            ordered.clear();
            latest.clear();
        }
        closeTooSlow();
    }

    /** The connection went away: forget everything. */
    synchronized void close() {
        closed = true;
        ordered.clear();
        latest.clear();
    }

    private void closeTooSlow() {
        metrics.closedSlow(channel);
        LOG.infof("Closing WebSocket %s on %s: it has read nothing for %d s", connection.id(), channel,
                stallNanos / 1_000_000_000);
        connection.close(new CloseReason(TOO_SLOW, "Too slow: more than " + capacity + " messages behind"))
                .subscribe().with(ok -> { }, failure -> { });
    }

    private void drain() {
        while (true) {
            String next;
            synchronized (this) {
                if (inFlight >= WINDOW || closed) {
                    return;
                }
                next = next(System.nanoTime());
                if (next == null) {
                    return;
                }
                if (inFlight++ == 0) {
                    lastProgress = System.nanoTime();
                }
            }
            connection.sendText(next).subscribe().with(ok -> {
                metrics.sent(channel);
                synchronized (this) {
                    inFlight--;
                    lastProgress = System.nanoTime();
                }
                drain();
            }, failure -> close());
        }
    }

    /**
     * A due keyed message first (a live status must not wait behind a burst of fills), else the oldest
     * ordered one; schedules a wake-up when only rate-limited keys are left.
     */
    private String next(long now) {
        long soonest = Long.MAX_VALUE;
        for (Iterator<Map.Entry<String, String>> it = latest.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> e = it.next();
            Long last = lastSent.get(e.getKey());
            long due = last == null ? now : last + keyIntervalNanos;
            if (due <= now) {
                it.remove();
                lastSent.put(e.getKey(), now);
                if (lastSent.size() > 1000) {
                    lastSent.remove(lastSent.keySet().iterator().next());
                }
                return e.getValue();
            }
            soonest = Math.min(soonest, due);
        }
        String text = ordered.pollFirst();
        if (text != null) {
            return text;
        }
        if (soonest != Long.MAX_VALUE && !wakeScheduled) {
            wakeScheduled = true;
            timer.schedule(() -> {
                synchronized (this) {
                    wakeScheduled = false;
                }
                drain();
            }, Math.max(1, soonest - now), TimeUnit.NANOSECONDS);
        }
        return null;
    }
}
