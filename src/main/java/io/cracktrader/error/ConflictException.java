package io.cracktrader.error;

import java.util.Map;

/** The request is valid but clashes with the current state (a duplicate name, a run that is not active). */
public sealed class ConflictException extends ServiceException permits RunnerBusyException {
    public ConflictException(String message) {
        super(message, null, 0, null);
    }

    public ConflictException(String message, Map<String, ?> details) {
        super(message, details, 0, null);
    }
}
