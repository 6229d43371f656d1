package io.cracktrader.engine.strategy.rule;

import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.strategy.Strategy;

/**
 * A compiled rule strategy, long only: each bar, update every value node once, evaluate the entry
 * and exit conditions, then enter when flat and the entry holds, or exit when long and the exit
 * holds. No allocation per bar.
 */
public final class RuleStrategy implements Strategy {
    private final ValueNode[] values;
    private final Condition entry;
    private final Condition exit;

    RuleStrategy(ValueNode[] values, Condition entry, Condition exit) {
        this.values = values;
        this.entry = entry;
        this.exit = exit;
    }

    @Override
    public void onBar(BarSeries bars, int index, OrderGateway orders) {
        for (ValueNode v : values) {
            v.update(bars, index);
        }
        final boolean enter = entry.evaluate();
        final boolean leave = exit.evaluate();
        if (orders.position() == 0) {
            if (enter) {
                orders.enterLong();
            }
        } else if (leave) {
            orders.exitLong();
        }
    }
}
