package io.cracktrader.engine.strategy.rule;

import io.cracktrader.engine.data.BarSeries;

/** A number per bar: a price, a constant or an indicator output. NaN while not available. */
interface ValueNode {
    /** Called exactly once per bar, in order, before any condition reads {@link #value()}. */
    void update(BarSeries bars, int index);

    double value();
}
