package io.cracktrader.security;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.error.ErrorBody;
import io.cracktrader.error.ErrorCode;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request budgets of 03, as token buckets (Bucket4j) in front of the API: per API key (its own limit,
 * default 100/min), per login session (a higher default, so live dashboards never hit it), per IP for
 * calls without credentials, and order placement at 10/s. Health, metrics, docs and static files are
 * never limited. Over budget: 429 with {@code Retry-After} and the error body. Budgets are per
 * replica: with N replicas behind a balancer a client gets up to N times the limit.
 */
@ApplicationScoped
public class RateLimiter {
    private static final long IDLE_MILLIS = 10 * 60_000L;

    private record Entry(Bucket bucket, int limit, long[] lastUsed) {
    }

    private final CracktraderConfig config;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    /** Token digest → the limit of its API key, learnt when the key is authenticated. */
    private final Map<String, Integer> keyLimits = new ConcurrentHashMap<>();
    private volatile long lastSweep = System.currentTimeMillis();

    private final ObjectMapper json;

    public RateLimiter(CracktraderConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** Ahead of everything else on the router: an over-budget request costs no authentication or database work. */
    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::limit);
    }

    /** Called when an API key authenticates, so its own limit applies from then on. */
    void rememberKeyLimit(String token, int perMinute) {
        keyLimits.put(digest(token), perMinute);
    }

    void limit(RoutingContext rc) {
        String path = rc.request().path();
        if (!config.rateLimit().enabled() || !limited(path)) {
            rc.next();
            return;
        }
        String token = BearerAuthMechanism.token(rc);
        String who;
        int perMinute;
        if (token != null && !token.isBlank()) {
            String digest = digest(token);
            who = "token:" + digest;
            perMinute = token.startsWith("ctk_") ? keyLimits.getOrDefault(digest, config.rateLimit().apiKeyPerMinute())
                    : config.rateLimit().sessionPerMinute();
        } else {
            who = "ip:" + (rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().host());
            perMinute = config.rateLimit().anonymousPerMinute();
        }
        if (!take(rc, who, perMinute, Duration.ofMinutes(1))) {
            return;
        }
        if ("POST".equals(rc.request().method().name()) && path.equals("/api/trading/order")
                && !take(rc, "orders:" + who, config.rateLimit().ordersPerSecond(), Duration.ofSeconds(1))) {
            return;
        }
        rc.next();
    }

    /** The API and WebSocket handshakes; never health, metrics, docs or the dashboard's files. */
    static boolean limited(String path) {
        if (!(path.startsWith("/api/") || path.startsWith("/ws"))) {
            return false;
        }
        return !(path.equals("/api/health") || path.startsWith("/api/health/") || path.equals("/api/v1/health"));
    }

    private boolean take(RoutingContext rc, String key, int capacity, Duration period) {
        long now = System.currentTimeMillis();
        sweep(now);
        Entry entry = buckets.compute(key, (k, old) -> old != null && old.limit() == capacity ? old
                : new Entry(Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity)
                        .refillGreedy(capacity, period).build()).build(), capacity, new long[1]));
        entry.lastUsed()[0] = now;
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        rc.response().putHeader("X-RateLimit-Limit", capacity + "/" + (period.toSeconds() == 1 ? "s" : "min"));
        if (probe.isConsumed()) {
            rc.response().putHeader("X-RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            return true;
        }
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        ErrorBody body = ErrorBody.of(429, ErrorCode.RATE_LIMITED, "Rate limit exceeded: " + capacity + " requests per "
                + (period.toSeconds() == 1 ? "second" : "minute") + "; retry after " + retryAfter + " s",
                Map.of("limit", capacity, "retry_after_seconds", retryAfter), rc.request().path());
        rc.response().setStatusCode(429).putHeader("Retry-After", Long.toString(retryAfter))
                .putHeader("Content-Type", "application/json").end(encode(body));
        return false;
    }

    private String encode(ErrorBody body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forgets buckets idle for ten minutes, so many one-off clients cannot grow the map without bound. */
    private void sweep(long now) {
        if (now - lastSweep < 60_000) {
            return;
        }
        lastSweep = now;
        buckets.values().removeIf(e -> now - e.lastUsed()[0] > IDLE_MILLIS);
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
