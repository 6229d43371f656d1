package io.cracktrader.engine.portfolio;

/**
 * One fill of a portfolio, numbered in the order it happened: {@code seq} is the same number while
 * the run streams it and once it is stored, so a fill has one id everywhere. {@code pnl} is NaN on a
 * fill that opens a position.
 */
public record Fill(long seq, long time, String symbol, boolean buy, double size, double price, double commission,
                   double pnl) {

    public boolean closesRoundTrip() {
        return !Double.isNaN(pnl);
    }
}
