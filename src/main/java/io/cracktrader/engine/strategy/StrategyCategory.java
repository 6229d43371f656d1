package io.cracktrader.engine.strategy;

import java.util.Locale;

/** The kinds of strategy the strategy-management API groups types and instances by. */
public enum StrategyCategory {
    TREND_FOLLOWING("Ride established trends (moving-average crosses)"),
    MEAN_REVERSION("Buy stretched-down prices and sell the rebound (RSI)"),
    MOMENTUM("Follow accelerating price moves (MACD)"),
    BREAKOUT("Enter when price leaves its recent range (Bollinger, Donchian)"),
    PASSIVE("Hold the market as a benchmark"),
    CUSTOM("Rule strategies and test strategies"),
    ENSEMBLE("Weighted portfolios of other strategies");

    private final String description;

    StrategyCategory(String description) {
        this.description = description;
    }

    /** As written in the API: {@code trend_following}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    /** The category written {@code code} (any case), or null. */
    public static StrategyCategory fromCode(String code) {
        for (StrategyCategory c : values()) {
            if (c.code().equalsIgnoreCase(code)) {
                return c;
            }
        }
        return null;
    }
}
