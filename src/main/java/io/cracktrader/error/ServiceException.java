package io.cracktrader.error;

import java.util.Map;

/**
 * A failure the service reports to its caller, in the caller's words: what went wrong and, for
 * invalid input, one {@code details} entry per offending field. It says what kind of failure it is
 * by its type and knows nothing of HTTP; the REST layer chooses the status (docs/API-CONTRACT.md).
 */
public abstract sealed class ServiceException extends RuntimeException
        permits NotFoundException, ConflictException, InvalidRequestException, MalformedRequestException,
        NotPermittedException, NotAuthenticatedException, UnavailableException, ExchangeFailureException,
        RateLimitedException {
    private final transient Map<String, ?> details;
    private final long retryAfterSeconds;

    protected ServiceException(String message, Map<String, ?> details, long retryAfterSeconds, Throwable cause) {
        // No stack trace for expected failures: they are answers, not bugs. The cause stays for the log.
        super(message, cause, false, false);
        this.details = details == null ? Map.of() : details;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Map<String, ?> details() {
        return details;
    }

    /** Seconds after which a retry may succeed, or 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
