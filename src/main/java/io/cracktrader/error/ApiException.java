package io.cracktrader.error;

import java.util.Map;

/**
 * A failure the API reports to its caller as the error body: an HTTP status, a code, a message
 * written for people and, for validation, one {@code details} entry per offending field.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final ErrorCode code;
    private final Map<String, ?> details;
    private final long retryAfterSeconds;

    public ApiException(int status, ErrorCode code, String message, Map<String, ?> details) {
        this(status, code, message, details, 0);
    }

    /** With {@code retryAfterSeconds} > 0 the response says when to try again ({@code Retry-After}). */
    public ApiException(int status, ErrorCode code, String message, Map<String, ?> details, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = details == null ? Map.of() : details;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, ErrorCode.NOT_FOUND, message, null);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, ErrorCode.CONFLICT, message, null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, ErrorCode.VALIDATION_ERROR, message, null);
    }

    /** 422: the request is well-formed but these fields are not acceptable. */
    public static ApiException invalid(Map<String, String> fieldErrors) {
        return new ApiException(422, ErrorCode.VALIDATION_ERROR,
                "Request validation failed: " + String.join(", ", fieldErrors.keySet()), fieldErrors);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, ErrorCode.AUTHORIZATION_ERROR, message, null);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, ErrorCode.EXTERNAL_SERVICE_ERROR, message, null);
    }

    public int status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, ?> details() {
        return details;
    }

    /** Seconds after which a retry may succeed, or 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
