package io.cracktrader.engine.broker;

/**
 * What a strategy may see of its account and ask of it. The same strategy code runs in backtest,
 * paper and live mode; only the execution model behind this interface changes. Orders placed on a
 * bar's close are worked from the next bar on. Sizes are units; NaN lets the broker decide at the
 * fill (the configured sizing for an entry, the whole position for an exit). Methods that place an
 * order return its id (0 when nothing was placed).
 */
public interface OrderGateway {
    /** Units held: positive long, negative short, zero flat. */
    double position();

    double cash();

    /** Average entry price of the position, or NaN when flat. */
    double entryPrice();

    /** Whether any order is working. */
    boolean hasPendingOrder();

    /** Buys with the configured sizing at the next open; ignored unless flat and without working orders. */
    void enterLong();

    /** Closes a long position at the next open; ignored unless long. */
    void exitLong();

    long buy(double size);

    long sell(double size);

    long buyLimit(double size, double limit);

    long sellLimit(double size, double limit);

    long buyStop(double size, double stop);

    long sellStop(double size, double stop);

    /** Becomes a limit order at {@code limit} once the price reaches {@code stop}. */
    long buyStopLimit(double size, double stop, double limit);

    long sellStopLimit(double size, double stop, double limit);

    /**
     * Protects the position with a stop that follows the best price since it was placed, by
     * {@code trailAmount} (price units) or, when that is NaN, by {@code trailPercent} (a fraction).
     */
    long trailingStop(double trailAmount, double trailPercent);

    /**
     * An entry (a limit at {@code entryLimit}, or market when NaN) whose fill activates a stop loss and
     * a take profit that cancel each other.
     */
    long bracketBuy(double size, double entryLimit, double stopLoss, double takeProfit);

    boolean cancel(long orderId);
}
