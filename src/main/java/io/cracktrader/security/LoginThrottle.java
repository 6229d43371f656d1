package io.cracktrader.security;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.error.RateLimitedException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Throttles password guessing (README, "Security"), per account and per client address, whatever
 * headers the client sends: after {@code lockout-failures} failures in a row an account is locked for
 * one second, doubling with each further failure up to {@code lockout-max}; an address, after
 * {@code lockout-address-failures}. A success clears the account's count; failures are forgotten
 * after a quiet hour. Per replica, like the request budgets.
 */
@ApplicationScoped
public class LoginThrottle {
    private static final long FORGET_MILLIS = 3_600_000L;

    private record Failures(int count, long lastAt, long lockedUntil) {
    }

    private final CracktraderConfig config;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(CracktraderConfig config) {
        this.config = config;
    }

    /** Refuses the attempt while the account or the address is locked. */
    void check(String username, String address) {
        long now = System.currentTimeMillis();
        long until = Math.max(lockedUntil(account(username), now), lockedUntil(address(address), now));
        if (until > now) {
            long retryAfter = Math.max(1, (until - now + 999) / 1000);
            throw new RateLimitedException("Too many failed logins; retry after " + retryAfter + " s",
                    Map.of("retry_after_seconds", retryAfter), retryAfter);
        }
    }

    void failed(String username, String address) {
        long now = System.currentTimeMillis();
        record(account(username), config.auth().lockoutFailures(), now);
        record(address(address), config.auth().lockoutAddressFailures(), now);
        if (failures.size() > 100_000) {
            failures.values().removeIf(f -> now - f.lastAt() > FORGET_MILLIS && f.lockedUntil() < now);
        }
    }

    void succeeded(String username) {
        failures.remove(account(username));
    }

    private long lockedUntil(String key, long now) {
        Failures f = failures.get(key);
        return f == null || now - f.lastAt() > FORGET_MILLIS ? 0 : f.lockedUntil();
    }

    private void record(String key, int threshold, long now) {
        long maxMillis = config.auth().lockoutMax().toMillis();
        failures.compute(key, (k, old) -> {
            int count = old == null || now - old.lastAt() > FORGET_MILLIS ? 1 : old.count() + 1;
            int over = count - threshold;
            long lock = over < 0 ? 0 : Math.min(maxMillis, 1000L << Math.min(over, 30));
            return new Failures(count, now, lock == 0 ? 0 : now + lock);
        });
    }

    private static String account(String username) {
        return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT));
    }

    private static String address(String address) {
        return "ip:" + (address == null ? "unknown" : address);
    }
}
