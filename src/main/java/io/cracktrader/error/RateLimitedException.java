package io.cracktrader.error;

import java.util.Map;

/** The caller is over a budget; {@link #retryAfterSeconds()} says when to come back. */
public final class RateLimitedException extends ServiceException {
    public RateLimitedException(String message, Map<String, ?> details, long retryAfterSeconds) {
        super(message, details, retryAfterSeconds, null);
    }
}
