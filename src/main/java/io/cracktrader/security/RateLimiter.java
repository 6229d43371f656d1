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

    /** The budget a verified access token draws on, until the token expires. */
    private record SessionBudget(String key, long expiresAt) {
    }

    private static final int MAX_REMEMBERED_TOKENS = 10_000;
    private final Map<String, SessionBudget> sessions = new ConcurrentHashMap<>();

    private final CracktraderConfig config;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    /** Token digest → the limit of its API key, learnt when the key is authenticated. */
    private final Map<String, Integer> keyLimits = new ConcurrentHashMap<>();
    private volatile long lastSweep = System.currentTimeMillis();

    private final TokenService tokens;
    private final Map<String, Integer> ceilings;

    public RateLimiter(CracktraderConfig config, TokenService tokens) {
        this.config = config;
        this.tokens = tokens;
        this.ceilings = ceilings(config.rateLimit().apiKeyCeilings());
    }

    /** The highest budget an API key of a user with {@code role} may have. */
    public int apiKeyCeiling(String role) {
        return ceilings.getOrDefault(role, config.rateLimit().apiKeyPerMinute());
    }

    private static Map<String, Integer> ceilings(String pairs) {
        Map<String, Integer> out = new ConcurrentHashMap<>();
        for (String pair : pairs.split(",")) {
            String[] kv = pair.split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("cracktrader.rate-limit.api-key-ceilings: '" + pair
                        + "' is not role=limit");
            }
            out.put(kv[0].strip(), Integer.parseInt(kv[1].strip()));
        }
        return out;
    }

    public boolean enabled() {
        return config.rateLimit().enabled();
    }

    /** Called when an API key authenticates, so its own limit applies from then on. */
    void rememberKeyLimit(String token, int perMinute) {
        keyLimits.put(digest(token), perMinute);
    }

    /**
     * Takes one request from a budget: a login session's (one for all the access tokens the session is
     * refreshed into), a known API key's, or else the address's. A made-up or foreign token never buys a
     * budget of its own: it draws on its address's.
     */
    public Decision takeRequest(String token, String remoteAddress) {
        String budget = budget(token);
        if (budget == null) {
            return take(who(remoteAddress), config.rateLimit().anonymousPerMinute(), Duration.ofMinutes(1));
        }
        int perMinute = budget.startsWith("key:") ? keyLimits.get(budget.substring(4))
                : config.rateLimit().sessionPerMinute();
        return take(budget, perMinute, Duration.ofMinutes(1));
    }

    /** {@code session:<id>} for a well-signed access token, {@code key:<digest>} for a key seen before, else null. */
    private String budget(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        if (token.startsWith("ctk_")) {
            String digest = digest(token);
            return keyLimits.containsKey(digest) ? "key:" + digest : null;
        }
        if (!TokenService.looksLikeJwt(token)) {
            return null;
        }
        // Verifying a JWT (signature, claims) costs more than the rest of a budget check: remember the
        // answer per token until it expires. Bounded, so made-up tokens cannot grow it without limit.
        long now = System.currentTimeMillis();
        SessionBudget known = sessions.get(token);
        if (known != null && known.expiresAt() > now) {
            return known.key();
        }
        TokenService.Claims claims = tokens.verify(token, TokenService.ACCESS).orElse(null);
        if (claims == null) {
            return null;
        }
        if (sessions.size() >= MAX_REMEMBERED_TOKENS) {
            sessions.clear();
        }
        sessions.put(token, new SessionBudget("session:" + claims.sessionId(), claims.expiresAtMillis()));
        return "session:" + claims.sessionId();
    }

    /** Takes one order placement from the same caller's per-second order budget. */
    public Decision takeOrder(String token, String remoteAddress) {
        String budget = budget(token);
        return take("orders:" + (budget != null ? budget : who(remoteAddress)), config.rateLimit().ordersPerSecond(),
                Duration.ofSeconds(1));
    }

    private static String who(String remoteAddress) {
        return "ip:" + (remoteAddress == null ? "unknown" : remoteAddress);
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
