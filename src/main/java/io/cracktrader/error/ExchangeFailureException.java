package io.cracktrader.error;

import java.util.Locale;
import java.util.Map;

/**
 * An exchange call failed, classified by what failed: the exchange (unreachable, timed out, broken),
 * its budget (rate limited), or the request (rejected, unsupported, credentials refused).
 */
public final class ExchangeFailureException extends ServiceException {

    /** What kind of failure; {@link #transientFault} ones are the exchange's fault, retried and counted by the breaker. */
    public enum Failure {
        TIMEOUT(true), UNREACHABLE(true), SERVER_ERROR(true), RATE_LIMITED(false), CREDENTIALS_REFUSED(false),
        REJECTED(false), UNSUPPORTED(false);

        public final boolean transientFault;

        Failure(boolean transientFault) {
            this.transientFault = transientFault;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Failure failure;

    public ExchangeFailureException(String exchange, Failure failure, String message) {
        super(message, Map.of("exchange", exchange, "reason", failure.code()),
                failure == Failure.RATE_LIMITED ? 10 : 0, null);
        this.failure = failure;
    }

    /** A client for the exchange could not be set up or the exchange refused to talk: the exchange side failed. */
    public static ExchangeFailureException unreachable(String exchange, String message) {
        return new ExchangeFailureException(exchange, Failure.UNREACHABLE, message);
    }

    public Failure failure() {
        return failure;
    }

    /** Whether the call may have taken effect at the exchange although no answer came back. */
    public boolean ambiguous() {
        return failure == Failure.TIMEOUT || failure == Failure.SERVER_ERROR || failure == Failure.UNREACHABLE;
    }
}
