package io.cracktrader.ws;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What one connection has yet to receive. Publishers only ever add here and never wait: one message
 * is in flight at a time, the next goes when the client has taken the last. Ordered messages (fills,
 * signals, acknowledgements) queue up to a bound; past it the client is hopelessly behind and is
 * closed with a reason. Keyed messages (a run's status, a symbol's ticker) conflate: the newest per
 * key replaces an unsent older one, and each key is sent at most {@code maxRatePerKey} times a second.
 */
final class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class);
    /** Close code 1008 (policy violation) is what browsers surface for "you were closed on purpose". */
    static final int TOO_SLOW = 1008;

    private final WebSocketConnection connection;
    private final String channel;
    private final SocketMetrics metrics;
    private final ScheduledExecutorService timer;
    private final int capacity;
    private final long keyIntervalNanos;
    private final ArrayDeque<String> ordered = new ArrayDeque<>();
    private final LinkedHashMap<String, String> latest = new LinkedHashMap<>();
    private final Map<String, Long> lastSent = new LinkedHashMap<>();
    private boolean sending;
    private boolean wakeScheduled;
    private boolean closed;

    Outbox(WebSocketConnection connection, String channel, SocketMetrics metrics, ScheduledExecutorService timer,
           int capacity, double maxRatePerKey) {
        this.connection = connection;
        this.channel = channel;
        this.metrics = metrics;
        this.timer = timer;
        this.capacity = capacity;
        this.keyIntervalNanos = maxRatePerKey > 0 ? (long) (1e9 / maxRatePerKey) : 0;
    }

    /** Queues a message that must not be conflated; closes the connection when the client is too far behind. */
    void send(String text) {
        boolean tooSlow;
        synchronized (this) {
            if (closed) {
                return;
            }
            tooSlow = ordered.size() >= capacity;
            if (tooSlow) {
                closed = true;
                ordered.clear();
                latest.clear();
            } else {
                ordered.addLast(text);
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

    /** The connection went away: forget everything. */
    synchronized void close() {
        closed = true;
        ordered.clear();
        latest.clear();
    }

    private void closeTooSlow() {
        metrics.closedSlow(channel);
        LOG.infof("Closing WebSocket %s on %s: more than %d messages behind", connection.id(), channel, capacity);
        connection.close(new CloseReason(TOO_SLOW, "Too slow: more than " + capacity + " messages behind"))
                .subscribe().with(ok -> { }, failure -> { });
    }

    private void drain() {
        String next;
        synchronized (this) {
            if (sending || closed) {
                return;
            }
            next = next(System.nanoTime());
            if (next == null) {
                return;
            }
            sending = true;
        }
        connection.sendText(next).subscribe().with(ok -> {
            metrics.sent(channel);
            synchronized (this) {
                sending = false;
            }
            drain();
        }, failure -> close());
    }

    /** Ordered messages first, then the oldest key whose rate allows; schedules a wake-up for rate-limited keys. */
    private String next(long now) {
        String text = ordered.pollFirst();
        if (text != null) {
            return text;
        }
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
