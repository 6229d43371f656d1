package io.cracktrader.error;

/** A dependency (the database, an exchange whose circuit is open) cannot serve now; retrying later may work. */
public final class UnavailableException extends ServiceException {
    public UnavailableException(String message) {
        super(message, null, 0, null);
    }

    public UnavailableException(String message, long retryAfterSeconds, Throwable cause) {
        super(message, null, retryAfterSeconds, cause);
    }
}
