package io.cracktrader.service;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a run trades: on history, on live data with simulated fills, on a testnet, or for real. */
public enum RunMode {
    BACKTEST, PAPER, SANDBOX, LIVE;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode for an API code, or null. */
    public static RunMode fromCode(String code) {
        for (RunMode m : values()) {
            if (m.code().equals(code)) {
                return m;
            }
        }
        return null;
    }
}
