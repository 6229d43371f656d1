package io.cracktrader.error;

/** The caller is known but may not do this (role, API-key permission, or a disabled feature). */
public final class NotPermittedException extends ServiceException {
    public NotPermittedException(String message) {
        super(message, null, 0, null);
    }
}
