package io.cracktrader.engine.strategy;

import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.data.BarSeries;

/**
 * A trading strategy for one symbol. {@link #onBar} is called once per closed bar, in time order,
 * with the bars up to and including {@code index}; orders it places fill according to the run's
 * execution model. Implementations keep their state in primitives and allocate nothing per bar.
 */
public interface Strategy {
    void onBar(BarSeries bars, int index, OrderGateway orders);
}
