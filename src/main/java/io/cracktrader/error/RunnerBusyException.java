package io.cracktrader.error;

/** The single runner of the runner API already has an active run. */
public final class RunnerBusyException extends ConflictException {
    public RunnerBusyException(String currentStatus) {
        super("Runner is not idle. Current status: " + currentStatus);
    }
}
