package io.cracktrader.engine.strategy;

import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.indicator.BollingerBands;

/** Long only: buy when the close breaks above the upper Bollinger band, sell when it falls below the middle. */
public final class BollingerBreakout implements Strategy {
    private final BollingerBands bands;

    public BollingerBreakout(int period, double numStd) {
        this.bands = new BollingerBands(period, numStd);
    }

    @Override
    public void onBar(BarSeries bars, int index, OrderGateway orders) {
        final double close = bars.close(index);
        if (Double.isNaN(bands.update(close))) {
            return;
        }
        if (orders.position() == 0 && close > bands.upper()) {
            orders.enterLong();
        } else if (orders.position() > 0 && close < bands.middle()) {
            orders.exitLong();
        }
    }
}
