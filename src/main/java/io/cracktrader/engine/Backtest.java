package io.cracktrader.engine;

import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.broker.NextOpenBroker;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.metrics.EquityCurve;
import io.cracktrader.engine.strategy.Strategy;

/**
 * Runs one strategy over one symbol's bars: at each bar, fill the order placed on the previous
 * close at this open, let the strategy see the close, record mark-to-market equity. Allocates
 * nothing per bar: the broker's fill log and the equity curve are sized before the loop.
 */
public final class Backtest {
    private Backtest() {
    }

    /** The account after the run: broker (cash, position, fills) and the equity curve. */
    public record Sleeve(BarSeries bars, NextOpenBroker broker, EquityCurve equity) {
    }

    public static Sleeve run(BarSeries bars, Strategy strategy, double initialCash, double commission,
                             double slippage, FillListener listener, RunControl control) {
        final int n = bars.size();
        final NextOpenBroker broker = new NextOpenBroker(initialCash, commission, slippage, 64, listener);
        final EquityCurve equity = new EquityCurve(n);
        final long started = System.nanoTime();
        long done = control.barsProcessed();
        for (int i = 0; i < n; i++) {
            if ((i & (RunControl.PUBLISH_EVERY - 1)) == 0 && i > 0) {
                if (control.stopRequested()) {
                    break;
                }
                control.publish(done + i, broker.cash(), equity.value(i - 1), broker.fills().count());
            }
            broker.onBarOpen(bars.time(i), bars.open(i));
            strategy.onBar(bars, i, broker);
            final double close = bars.close(i);
            equity.record(bars.time(i), broker.equity(close), broker.cash());
        }
        control.addEngineNanos(System.nanoTime() - started);
        int last = equity.size() - 1;
        control.publish(done + equity.size(), broker.cash(),
                last >= 0 ? equity.value(last) : initialCash, broker.fills().count());
        return new Sleeve(bars, broker, equity);
    }
}
