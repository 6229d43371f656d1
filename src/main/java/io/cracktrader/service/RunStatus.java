package io.cracktrader.service;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A run's life: starting (waiting for a worker) → running (loading data, trading) → completed | failed | stopped. */
public enum RunStatus {
    STARTING, RUNNING, COMPLETED, FAILED, STOPPED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean active() {
        return this == STARTING || this == RUNNING;
    }

    public static RunStatus fromCode(String code) {
        for (RunStatus s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        return null;
    }
}
