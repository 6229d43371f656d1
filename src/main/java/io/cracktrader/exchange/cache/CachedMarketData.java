package io.cracktrader.exchange.cache;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * An exchange's candles through the local cache: a request downloads only the open-time ranges not
 * fetched before (each gap once, even when several runs ask at the same time), stores them, and
 * answers from the cache. Only closed candles are cached; the unfinished present is always asked for again.
 */
public final class CachedMarketData implements MarketDataSource {
    private static final Logger LOG = Logger.getLogger(CachedMarketData.class);

    private final MarketDataSource exchange;
    private final CandleStore store;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public CachedMarketData(MarketDataSource exchange, CandleStore store) {
        this.exchange = exchange;
        this.store = store;
    }

    @Override
    public String name() {
        return exchange.name();
    }

    @Override
    public boolean simulated() {
        return exchange.simulated();
    }

    @Override
    public Set<Timeframe> timeframes() {
        return exchange.timeframes();
    }

    @Override
    public Ticker ticker(String symbol) {
        return exchange.ticker(symbol);
    }

    @Override
    public BarSeries history(String symbol, Timeframe timeframe, long fromMillis, long toMillis, RunControl control) {
        if (!exchange.timeframes().contains(timeframe)) {
            return exchange.history(symbol, timeframe, fromMillis, toMillis, control); // the source explains why not
        }
        long step = timeframe.millis();
        long from = Math.floorDiv(fromMillis + step - 1, step) * step;
        long lastClosedOpen = Math.floorDiv(System.currentTimeMillis(), step) * step - step; // its bar has closed by now
        long to = Math.min(toMillis, lastClosedOpen + 1);
        if (to <= from) {
            return new BarSeries(symbol, timeframe, 0);
        }
        synchronized (locks.computeIfAbsent(name() + "|" + symbol + "|" + timeframe.code(), k -> new Object())) {
            for (CandleStore.Range gap : gaps(store.ranges(name(), symbol, timeframe), from, to)) {
                if (control.stopRequested()) {
                    break;
                }
                BarSeries fetched = exchange.history(symbol, timeframe, gap.from(), gap.to(), control);
                if (!control.stopRequested()) {
                    store.save(name(), fetched, gap);
                    LOG.debugf("Cached %d %s %s candles of %s", fetched.size(), name(), timeframe.code(), symbol);
                }
            }
        }
        return store.load(name(), symbol, timeframe, from, to);
    }

    /** The parts of {@code [from, to)} outside the sorted, disjoint {@code covered} ranges. */
    static List<CandleStore.Range> gaps(List<CandleStore.Range> covered, long from, long to) {
        List<CandleStore.Range> gaps = new ArrayList<>();
        long cursor = from;
        for (CandleStore.Range r : covered) {
            if (r.to() <= cursor) {
                continue;
            }
            if (r.from() >= to) {
                break;
            }
            if (r.from() > cursor) {
                gaps.add(new CandleStore.Range(cursor, r.from()));
            }
            cursor = Math.max(cursor, r.to());
        }
        if (cursor < to) {
            gaps.add(new CandleStore.Range(cursor, to));
        }
        return gaps;
    }
}
