package io.cracktrader.engine.strategy;

import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.indicator.Sma;

/**
 * A simple band breakout meant for trying the service out: it trades often on any market.
 *
 * <p>On each close, with {@code m} = SMA(close, period): go long (all-in) when flat and the close is
 * more than {@code threshold} (a fraction) above {@code m}; close the position when the close falls
 * more than {@code threshold} below {@code m}. Long only.
 */
public final class TestStrategy implements Strategy {
    private final Sma mean;
    private final double threshold;

    public TestStrategy(int period, double threshold) {
        this.mean = new Sma(period);
        this.threshold = threshold;
    }

    @Override
    public void onBar(BarSeries bars, int index, OrderGateway orders) {
        final double close = bars.close(index);
        final double m = mean.update(close);
        if (!mean.ready()) {
            return;
        }
        if (orders.position() == 0 && close > m * (1 + threshold)) {
            orders.enterLong();
        } else if (orders.position() > 0 && close < m * (1 - threshold)) {
            orders.exitLong();
        }
    }
}
