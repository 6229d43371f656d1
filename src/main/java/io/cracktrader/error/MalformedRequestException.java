package io.cracktrader.error;

/** Input that cannot be read at all (not the expected format). */
public final class MalformedRequestException extends ServiceException {
    public MalformedRequestException(String message) {
        super(message, null, 0, null);
    }
}
