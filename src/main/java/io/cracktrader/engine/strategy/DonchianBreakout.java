package io.cracktrader.engine.strategy;

import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.indicator.Donchian;

/**
 * Turtle-style breakout, long only: buy when the close exceeds the highest high of the previous
 * {@code entry_period} bars, sell when it falls below the lowest low of the previous
 * {@code exit_period} bars (the current bar is not part of its own channel).
 */
public final class DonchianBreakout implements Strategy {
    private final Donchian entry;
    private final Donchian exit;

    public DonchianBreakout(int entryPeriod, int exitPeriod) {
        this.entry = new Donchian(entryPeriod);
        this.exit = new Donchian(exitPeriod);
    }

    @Override
    public void onBar(BarSeries bars, int index, OrderGateway orders) {
        final double close = bars.close(index);
        final double upper = entry.upper();
        final double lower = exit.lower();
        if (orders.position() == 0 && close > upper) {
            orders.enterLong();
        } else if (orders.position() > 0 && close < lower) {
            orders.exitLong();
        }
        entry.update(bars.high(index), bars.low(index));
        exit.update(bars.high(index), bars.low(index));
    }
}
