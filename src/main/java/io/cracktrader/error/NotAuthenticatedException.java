package io.cracktrader.error;

/** No valid credentials: missing, wrong, expired or revoked. */
public final class NotAuthenticatedException extends ServiceException {
    public NotAuthenticatedException(String message) {
        super(message, null, 0, null);
    }
}
