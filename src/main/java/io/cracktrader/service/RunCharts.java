package io.cracktrader.service;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.strategy.ChartOverlay;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.Symbols;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import io.cracktrader.security.Caller;
import io.cracktrader.service.view.ChartView;
import io.cracktrader.store.DatasetStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Candles of a run with its strategy's indicator lines, for the dashboard's run chart. The bars are
 * read again from where the run took them: the dataset, the simulated market (deterministic), or
 * the exchange's candle cache, which already holds the run's range.
 */
@ApplicationScoped
public class RunCharts {
    private final RunQueries runs;
    private final StrategyCatalog catalog;
    private final DatasetStore datasets;
    private final ExchangeRegistry exchanges;
    private final RunAccess access;

    public RunCharts(RunQueries runs, StrategyCatalog catalog, DatasetStore datasets,
                     ExchangeRegistry exchanges, RunAccess access) {
        this.runs = runs;
        this.catalog = catalog;
        this.datasets = datasets;
        this.exchanges = exchanges;
        this.access = access;
    }

    /** Null when there is no such run or the caller may not read it. */
    public Uni<ChartView> chart(Caller caller, String id, String symbol, int maxCandles) {
        return Blocking.call(() -> access.mayRead(caller, id) ? chartNow(id, symbol, maxCandles) : null);
    }

    private ChartView chartNow(String id, String requestedSymbol, int maxCandles) {
        RunQueries.BarSpan span = runs.barSpan(id).orElse(null);
        if (span == null) {
            return runs.find(id).map(run -> new ChartView(id, run.symbols().get(0), run.timeframe(), 1, List.of(),
                    List.of())).orElse(null);
        }
        List<String> symbols = span.run().symbols();
        String symbol = requestedSymbol == null ? symbols.get(0) : Symbols.normalize(requestedSymbol, "symbol");
        if (!symbols.contains(symbol)) {
            throw new InvalidRequestException(Map.of("symbol", "the run traded " + String.join(", ", symbols)));
        }
        Timeframe timeframe = Timeframe.fromCode(span.run().timeframe());
        BarSeries bars = bars(span, symbol, timeframe);
        StrategyType type = catalog.find(span.run().strategyName());
        ChartOverlay lines = type == null ? ChartOverlay.none() : type.overlay(type.resolve(span.run().strategyParams()));
        return merge(id, symbol, timeframe, bars, lines, maxCandles);
    }

    private BarSeries bars(RunQueries.BarSpan span, String symbol, Timeframe timeframe) {
        long end = span.lastBar() + timeframe.millis();
        if (span.dataset() != null) {
            BarSeries all = datasets.load(span.dataset()).orElseThrow(() -> new NotFoundException(
                    "The dataset '" + span.dataset() + "' this run used has been deleted"));
            return slice(all, span.firstBar(), end);
        }
        MarketDataSource source = exchanges.find(span.run().exchange());
        if (source == null) {
            throw new NotFoundException("The exchange '" + span.run().exchange() + "' of this run is no longer configured");
        }
        if (source.simulated()) {
            // A paper run on the simulated market trades on its clock, which may run ahead of real time;
            // the market is deterministic, so its bars are rebuilt for exactly the run's span.
            return new SyntheticMarket(symbol).bars(timeframe, span.firstBar(), end, new RunControl());
        }
        return source.history(symbol, timeframe, span.firstBar(), end, new RunControl());
    }

    private static BarSeries slice(BarSeries all, long from, long to) {
        BarSeries part = new BarSeries(all.symbol(), all.timeframe(), Math.max(1, all.size()));
        for (int i = 0; i < all.size(); i++) {
            if (all.time(i) >= from && all.time(i) < to) {
                part.append(all.time(i), all.open(i), all.high(i), all.low(i), all.close(i), all.volume(i));
            }
        }
        return part;
    }

    /**
     * Merges every {@code perCandle} bars into one candle (first open, highest high, lowest low, last
     * close, summed volume); each line takes its value at the candle's last bar.
     */
    static ChartView merge(String id, String symbol, Timeframe timeframe, BarSeries bars, ChartOverlay lines,
                           int maxCandles) {
        int n = bars.size();
        int perCandle = Math.max(1, (n + maxCandles - 1) / maxCandles);
        int lineCount = lines.names().size();
        double[] values = new double[lineCount];
        List<List<Number>> candles = new ArrayList<>(n / perCandle + 1);
        List<List<List<Number>>> points = new ArrayList<>();
        for (int l = 0; l < lineCount; l++) {
            points.add(new ArrayList<>(n / perCandle + 1));
        }
        for (int start = 0; start < n; start += perCandle) {
            int last = Math.min(n, start + perCandle) - 1;
            double high = Double.NEGATIVE_INFINITY;
            double low = Double.POSITIVE_INFINITY;
            double volume = 0;
            for (int i = start; i <= last; i++) {
                high = Math.max(high, bars.high(i));
                low = Math.min(low, bars.low(i));
                volume += bars.volume(i);
                lines.update().update(bars, i, values);
            }
            long time = bars.time(start);
            candles.add(List.of(time, bars.open(start), high, low, bars.close(last), volume));
            for (int l = 0; l < lineCount; l++) {
                if (!Double.isNaN(values[l])) {
                    points.get(l).add(List.of(time, values[l]));
                }
            }
        }
        List<ChartView.Overlay> overlays = new ArrayList<>(lineCount);
        for (int l = 0; l < lineCount; l++) {
            overlays.add(new ChartView.Overlay(lines.names().get(l), points.get(l)));
        }
        return new ChartView(id, symbol, timeframe.code(), perCandle, candles, overlays);
    }
}
