package io.cracktrader.engine;

import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.strategy.Strategy;

/** Runs a {@link TradingLoop} over every stored bar, watching for a stop request. */
public final class Backtest {
    private Backtest() {
    }

    /**
     * Trades all of {@code bars}; returns the loop (account, fills, equity). Stops early, keeping
     * what was traded so far, when {@code control} asks.
     */
    public static TradingLoop run(BarSeries bars, Strategy strategy, double initialCash, double commission,
                                  double slippage, FillListener listener, RunControl control) {
        return run(new TradingLoop(bars, strategy, initialCash, commission, slippage, bars.size(), listener), control);
    }

    /** Trades every bar of the loop's series. */
    public static TradingLoop run(TradingLoop loop, RunControl control) {
        final int n = loop.bars().size();
        final long before = control.barsProcessed();
        final long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if ((i & (RunControl.PUBLISH_EVERY - 1)) == 0 && i > 0) {
                if (control.stopRequested()) {
                    break;
                }
                control.publish(before + i, loop.broker().cash(), loop.lastValue(), loop.broker().fills().count());
            }
            loop.onBar(i);
        }
        control.addEngineNanos(System.nanoTime() - started);
        control.publish(before + loop.barsTraded(), loop.broker().cash(), loop.lastValue(),
                loop.broker().fills().count());
        return loop;
    }
}
