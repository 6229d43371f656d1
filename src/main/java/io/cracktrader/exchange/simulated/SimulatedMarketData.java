package io.cracktrader.exchange.simulated;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.exchange.MarketDataSource;
import java.util.EnumSet;
import java.util.Set;

/**
 * The built-in {@code simulated} exchange's candles: {@link SyntheticMarket} for any
 * {@code BASE/QUOTE}, never beyond the present moment.
 */
public final class SimulatedMarketData implements MarketDataSource {
    public static final String NAME = "simulated";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public Set<Timeframe> timeframes() {
        return EnumSet.allOf(Timeframe.class);
    }

    @Override
    public BarSeries history(String symbol, Timeframe timeframe, long fromMillis, long toMillis, RunControl control) {
        // Only bars that have closed by now exist, as on a real exchange.
        long lastClosedEnd = Math.floorDiv(System.currentTimeMillis(), timeframe.millis()) * timeframe.millis();
        long to = Math.min(toMillis, lastClosedEnd - timeframe.millis() + 1);
        return new SyntheticMarket(symbol).bars(timeframe, fromMillis, to, control);
    }
}
