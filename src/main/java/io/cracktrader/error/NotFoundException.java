package io.cracktrader.error;

/** The thing asked for does not exist, or the caller may not know that it does. */
public final class NotFoundException extends ServiceException {
    public NotFoundException(String message) {
        super(message, null, 0, null);
    }
}
