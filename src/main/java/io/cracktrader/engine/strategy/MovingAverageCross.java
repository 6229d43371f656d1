package io.cracktrader.engine.strategy;

import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.indicator.Sma;

/**
 * Long-only moving-average crossover, the reference strategy of the README ("Engine").
 *
 * <p>On the close of each bar: when SMA(close, fast) crosses above SMA(close, slow) go long if flat;
 * when it crosses below, close the position. A cross compares against the sign of the last
 * non-zero difference {@code fast − slow}, so a bar where the averages are exactly equal is not a
 * cross. {@code threshold} widens "equal" to a band of {@code ±threshold × slow} (0 = exact). With
 * {@code stop_loss} / {@code take_profit} above zero, a close that far below / above the entry price
 * also closes the position.
 */
public final class MovingAverageCross implements Strategy {
    private final Sma fast;
    private final Sma slow;
    private final double threshold;
    private final double stopLoss;
    private final double takeProfit;
    private int lastSign;

    public MovingAverageCross(int fastPeriod, int slowPeriod, double threshold, double stopLoss, double takeProfit) {
        this.fast = new Sma(fastPeriod);
        this.slow = new Sma(slowPeriod);
        this.threshold = threshold;
        this.stopLoss = stopLoss;
        this.takeProfit = takeProfit;
    }

    @Override
    public void onBar(BarSeries bars, int index, OrderGateway orders) {
        final double close = bars.close(index);
        final double f = fast.update(close);
        final double s = slow.update(close);
        if (!slow.ready()) {
            return;
        }
        final boolean long_ = orders.position() > 0;
        if (long_ && (stopLoss > 0 || takeProfit > 0)) {
            final double entry = orders.entryPrice();
            if ((stopLoss > 0 && close <= entry * (1 - stopLoss))
                    || (takeProfit > 0 && close >= entry * (1 + takeProfit))) {
                orders.exitLong();
            }
        }
        final double diff = f - s;
        final double band = threshold * s;
        final int sign = diff > band ? 1 : (diff < -band ? -1 : 0);
        if (sign == 0) {
            return;
        }
        if (lastSign != 0 && sign != lastSign) {
            if (sign > 0 && !long_) {
                orders.enterLong();
            } else if (sign < 0 && long_) {
                orders.exitLong();
            }
        }
        lastSign = sign;
    }
}
