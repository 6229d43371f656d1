package io.cracktrader.service;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.store.DatasetStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The bars a backtest trades: each symbol's history from its exchange (through the candle cache),
 * or the part of an imported dataset in the run's range. A run never gets invented data: a range
 * without bars fails the run with the reason.
 */
@ApplicationScoped
public class BacktestLoader {
    private final ExchangeRegistry exchanges;
    private final DatasetStore datasets;

    public BacktestLoader(ExchangeRegistry exchanges, DatasetStore datasets) {
        this.exchanges = exchanges;
        this.datasets = datasets;
    }

    BarSeries[] load(RunSpec spec, RunControl control) {
        BarSeries[] series = new BarSeries[spec.symbols().size()];
        for (int k = 0; k < series.length; k++) {
            String symbol = spec.symbols().get(k);
            series[k] = spec.dataset() != null ? datasetBars(spec)
                    : exchanges.find(spec.exchange()).history(symbol, spec.timeframe(), spec.fromMillis(), spec.toMillis(),
                            control);
            if (series[k].size() == 0 && !control.stopRequested()) {
                throw InvalidRequestException.field("start_date", spec.exchange() + " has no " + spec.timeframe().code()
                        + " bars of " + symbol + " between " + Instant.ofEpochMilli(spec.fromMillis()) + " and "
                        + Instant.ofEpochMilli(spec.toMillis()));
            }
        }
        return series;
    }

    /** The dataset's bars in the run's range: the shared series itself when the run covers all of it. */
    private BarSeries datasetBars(RunSpec spec) {
        BarSeries all = datasets.load(spec.dataset()).orElseThrow(() -> InvalidRequestException.field("dataset",
                "dataset '" + spec.dataset() + "' was deleted before the run started"));
        int first = 0;
        while (first < all.size() && all.time(first) < spec.fromMillis()) {
            first++;
        }
        int end = first;
        while (end < all.size() && all.time(end) < spec.toMillis()) {
            end++;
        }
        if (first == 0 && end == all.size()) {
            return all;
        }
        BarSeries part = new BarSeries(all.symbol(), all.timeframe(), end - first);
        for (int i = first; i < end; i++) {
            part.append(all.time(i), all.open(i), all.high(i), all.low(i), all.close(i), all.volume(i));
        }
        return part;
    }
}
