package io.cracktrader.service;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.error.ServiceException;
import io.cracktrader.exchange.MarketDataSource;
import org.jboss.logging.Logger;

/**
 * A real exchange's closed candles, polled through the candle cache. An exchange that stops
 * answering holds the run where it is (logged once a minute); it goes on when the exchange is back.
 */
final class ExchangeFeed implements LiveFeed {
    private static final Logger LOG = Logger.getLogger(ExchangeFeed.class);

    private final RunSpec spec;
    private final String runId;
    private final MarketDataSource source;
    private final int warmupBars;
    private final RunControl control;
    private final long step;
    private final long start;
    private long lastWarning;

    ExchangeFeed(RunSpec spec, String runId, MarketDataSource source, int warmupBars, RunControl control) {
        this.spec = spec;
        this.runId = runId;
        this.source = source;
        this.warmupBars = warmupBars;
        this.control = control;
        this.step = spec.timeframe().millis();
        this.start = Math.floorDiv(System.currentTimeMillis(), step) * step;
    }

    @Override
    public BarSeries[] history() {
        BarSeries[] series = new BarSeries[spec.symbols().size()];
        for (int k = 0; k < series.length; k++) {
            BarSeries history = source.history(spec.symbols().get(k), spec.timeframe(), start - warmupBars * step, start,
                    control);
            series[k] = new BarSeries(history.symbol(), history.timeframe(), history.size() + 1024);
            copy(history, series[k]);
        }
        return series;
    }

    @Override
    public long advance(BarSeries[] series, BarSink sink) {
        long now = System.currentTimeMillis();
        for (int k = 0; k < series.length; k++) {
            BarSeries bars = series[k];
            long nextOpen = bars.size() == 0 ? start : bars.time(bars.size() - 1) + step;
            if (nextOpen + step > now) {
                continue;
            }
            try {
                BarSeries fresh = source.history(bars.symbol(), spec.timeframe(), nextOpen, now, control);
                for (int i = 0; i < fresh.size(); i++) {
                    copyBar(fresh, i, bars);
                    sink.closed(k, fresh.time(i));
                }
            } catch (ServiceException e) {
                if (now - lastWarning > 60_000) {
                    LOG.warnf("Run %s waits for %s: %s", runId, source.name(), e.getMessage());
                    lastWarning = now;
                }
            }
        }
        return Math.max(1000, Math.min(10_000, step / 6));
    }

    private static void copy(BarSeries from, BarSeries to) {
        for (int i = 0; i < from.size(); i++) {
            copyBar(from, i, to);
        }
    }

    private static void copyBar(BarSeries from, int i, BarSeries to) {
        to.append(from.time(i), from.open(i), from.high(i), from.low(i), from.close(i), from.volume(i));
    }
}
