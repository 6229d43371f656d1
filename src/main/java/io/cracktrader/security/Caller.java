package io.cracktrader.security;

import java.util.Set;

/**
 * Who is calling: the user, how they authenticated ({@code jwt} or {@code api_key}), what they may
 * do, and their request budget per minute.
 */
public record Caller(String userId, String username, Role role, Set<String> capabilities, String method,
                     String sessionId, String apiKeyId, int requestsPerMinute, long expiresAtMillis) {
    public static final String JWT = "jwt";
    public static final String API_KEY = "api_key";

    /** The attribute of a Quarkus SecurityIdentity that carries this record. */
    public static final String ATTRIBUTE = "cracktrader.caller";

    public boolean can(String capability) {
        return capabilities.contains(capability);
    }

    /** Backtests need {@code backtest}; paper, sandbox and live runs need {@code execute}. */
    public boolean mayRun(String mode) {
        return can("backtest".equals(mode) ? Role.Capability.BACKTEST : Role.Capability.EXECUTE);
    }

    public boolean isAdmin() {
        return capabilities.contains(Role.Capability.ADMIN);
    }
}
