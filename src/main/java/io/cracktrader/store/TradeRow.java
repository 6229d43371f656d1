package io.cracktrader.store;

/** One stored fill; {@code pnl} is null for a fill that opens a position. */
public record TradeRow(int seq, long time, String symbol, String side, double size, double price,
                       double commission, Double pnl) {
}
