package io.cracktrader.engine.strategy;

import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.data.BarSeries;

/** Buys with all cash on the first bar (filled at the second bar's open) and holds: the benchmark. */
public final class BuyAndHold implements Strategy {
    @Override
    public void onBar(BarSeries bars, int index, OrderGateway orders) {
        if (orders.position() == 0 && !orders.hasPendingOrder() && orders.cash() > 0) {
            orders.enterLong();
        }
    }
}
