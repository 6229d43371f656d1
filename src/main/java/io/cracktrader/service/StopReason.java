package io.cracktrader.service;

import java.util.Locale;

/**
 * Why a run that did not complete ended (the run's {@code stop_reason}, docs/API-CONTRACT.md): a
 * user's stop, the service shutting down, a risk limit, an error, or the process that ran it
 * going away (a crash; another replica closed it once its lease expired).
 */
public enum StopReason {
    USER, SHUTDOWN, RISK, ERROR, INTERRUPTED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
