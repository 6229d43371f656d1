package io.cracktrader.error;

import java.util.Map;

/** Well-formed input that is not acceptable: one {@code details} entry per offending field. */
public final class InvalidRequestException extends ServiceException {
    public InvalidRequestException(Map<String, ?> fieldErrors) {
        super("Request validation failed: " + String.join(", ", fieldErrors.keySet()), fieldErrors, 0, null);
    }

    public InvalidRequestException(String message, Map<String, ?> details) {
        super(message, details, 0, null);
    }

    /** One field and what is wrong with it. */
    public static InvalidRequestException field(String field, String problem) {
        return new InvalidRequestException(Map.of(field, problem));
    }
}
