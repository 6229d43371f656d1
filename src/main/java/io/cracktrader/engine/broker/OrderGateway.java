package io.cracktrader.engine.broker;

/**
 * What a strategy may see of its account and ask of it. The same strategy code runs in backtest,
 * paper and live mode; only the implementation behind this interface (the execution model) changes.
 */
public interface OrderGateway {
    /** Units held; positive when long, zero when flat. */
    double position();

    double cash();

    /** Fill price of the position's entry, or NaN when flat. */
    double entryPrice();

    /** Whether an order is waiting for its fill. */
    boolean hasPendingOrder();

    /** Buys with all available cash at the next fill opportunity; ignored unless flat. */
    void enterLong();

    /** Sells the whole position at the next fill opportunity; ignored when flat. */
    void exitLong();
}
