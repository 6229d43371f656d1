package io.cracktrader.security;

import io.cracktrader.config.CracktraderConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request budgets (README, "Security"), as token buckets (Bucket4j): per API key (its own limit,
 * default 100/min), per login session (a higher default, so live dashboards never hit it), per IP
 * for calls without credentials, and order placement at 10/s. The HTTP filter in front of the API
 * asks this bean which budget a request draws on. Budgets are per replica: with N replicas behind a
 * balancer a client gets up to N times the limit.
 */
@ApplicationScoped
public class RateLimiter {
    private static final long IDLE_MILLIS = 10 * 60_000L;

    /** The answer for one request: allowed with what remains, or refused until {@code retryAfterSeconds}. */
    public record Decision(boolean allowed, int capacity, long remaining, long retryAfterSeconds) {
    }

    private record Entry(Bucket bucket, int limit, long[] lastUsed) {
    }

    private final CracktraderConfig config;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    /** Token digest → the limit of its API key, learnt when the key is authenticated. */
    private final Map<String, Integer> keyLimits = new ConcurrentHashMap<>();
    private volatile long lastSweep = System.currentTimeMillis();

    public RateLimiter(CracktraderConfig config) {
        this.config = config;
    }

    public boolean enabled() {
        return config.rateLimit().enabled();
    }

    /** Called when an API key authenticates, so its own limit applies from then on. */
    void rememberKeyLimit(String token, int perMinute) {
        keyLimits.put(digest(token), perMinute);
    }

    /** Takes one request from the budget of a bearer token (API key or session) or, without one, of an address. */
    public Decision takeRequest(String token, String remoteAddress) {
        if (token != null && !token.isBlank()) {
            String digest = digest(token);
            int perMinute = token.startsWith("ctk_")
                    ? keyLimits.getOrDefault(digest, config.rateLimit().apiKeyPerMinute())
                    : config.rateLimit().sessionPerMinute();
            return take(who(token, remoteAddress), perMinute, Duration.ofMinutes(1));
        }
        return take(who(null, remoteAddress), config.rateLimit().anonymousPerMinute(), Duration.ofMinutes(1));
    }

    /** Takes one order placement from the same caller's per-second order budget. */
    public Decision takeOrder(String token, String remoteAddress) {
        return take("orders:" + who(token, remoteAddress), config.rateLimit().ordersPerSecond(), Duration.ofSeconds(1));
    }

    private static String who(String token, String remoteAddress) {
        return token != null && !token.isBlank() ? "token:" + digest(token)
                : "ip:" + (remoteAddress == null ? "unknown" : remoteAddress);
    }

    private Decision take(String key, int capacity, Duration period) {
        long now = System.currentTimeMillis();
        sweep(now);
        Entry entry = buckets.compute(key, (k, old) -> old != null && old.limit() == capacity ? old
                : new Entry(Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity)
                        .refillGreedy(capacity, period).build()).build(), capacity, new long[1]));
        entry.lastUsed()[0] = now;
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, capacity, probe.getRemainingTokens(), 0);
        }
        long retryAfter = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Decision(false, capacity, 0, retryAfter);
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
