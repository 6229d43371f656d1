package io.cracktrader.engine.portfolio;

/** A position still open after the last traded bar, marked to that bar's close. */
public record OpenPosition(String symbol, boolean longSide, double size, double entryPrice, double markPrice,
                           double unrealizedPnl) {
}
