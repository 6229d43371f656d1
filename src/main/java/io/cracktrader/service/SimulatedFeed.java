package io.cracktrader.service;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.exchange.simulated.SyntheticMarket;

/**
 * The simulated exchange's market on its own clock ({@code clock-speed} market milliseconds per
 * real one): bars close when the scaled clock passes them, and no bar is known before it closes.
 */
final class SimulatedFeed implements LiveFeed {
    private final RunSpec spec;
    private final SyntheticMarket[] markets;
    private final double speed;
    private final int warmupBars;
    private final long step;
    private final long realStart;
    private final long marketStart;
    private long nextOpen;

    SimulatedFeed(RunSpec spec, double speed, int warmupBars) {
        this.spec = spec;
        this.speed = speed;
        this.warmupBars = warmupBars;
        this.step = spec.timeframe().millis();
        this.realStart = System.currentTimeMillis();
        this.marketStart = Math.floorDiv(realStart, step) * step;
        this.nextOpen = marketStart;
        this.markets = spec.symbols().stream().map(SyntheticMarket::new).toArray(SyntheticMarket[]::new);
    }

    @Override
    public BarSeries[] history() {
        BarSeries[] series = new BarSeries[markets.length];
        for (int k = 0; k < markets.length; k++) {
            series[k] = markets[k].bars(spec.timeframe(), marketStart - warmupBars * step, marketStart, new RunControl());
        }
        return series;
    }

    @Override
    public long advance(BarSeries[] series, BarSink sink) {
        long marketNow = marketStart + (long) ((System.currentTimeMillis() - realStart) * speed);
        while (nextOpen + step <= marketNow) {
            for (int k = 0; k < markets.length; k++) {
                markets[k].appendBar(series[k], nextOpen, step);
                sink.closed(k, nextOpen);
            }
            nextOpen += step;
        }
        return Math.max(1, (long) Math.ceil((nextOpen + step - marketNow) / speed));
    }
}
