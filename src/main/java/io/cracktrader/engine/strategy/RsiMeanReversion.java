package io.cracktrader.engine.strategy;

import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.indicator.Rsi;

/** Long only: buy when RSI(period) closes below {@code oversold}, sell when it closes above {@code overbought}. */
public final class RsiMeanReversion implements Strategy {
    private final Rsi rsi;
    private final double oversold;
    private final double overbought;

    public RsiMeanReversion(int period, double oversold, double overbought) {
        this.rsi = new Rsi(period);
        this.oversold = oversold;
        this.overbought = overbought;
    }

    @Override
    public void onBar(BarSeries bars, int index, OrderGateway orders) {
        final double value = rsi.update(bars.close(index));
        if (Double.isNaN(value)) {
            return;
        }
        if (orders.position() == 0 && value < oversold) {
            orders.enterLong();
        } else if (orders.position() > 0 && value > overbought) {
            orders.exitLong();
        }
    }
}
