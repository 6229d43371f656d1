package io.cracktrader.exchange.simulated;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;

/**
 * The built-in {@code simulated} exchange's candles: {@link SyntheticMarket} for any
 * {@code BASE/QUOTE}, never beyond the present moment.
 */
@ApplicationScoped
public class SimulatedMarketData implements MarketDataSource {
    public static final String NAME = "simulated";

    private static final long DAY_MILLIS = 86_400_000L;

    private final SimulatedClock clock;

    public SimulatedMarketData(SimulatedClock clock) {
        this.clock = clock;
    }

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
    public Ticker ticker(String symbol) {
        return ticker(symbol, clock.now());
    }

    /**
     * The simulated market's ticker at {@code nowMillis}: last price on the tick grid, bid and ask one
     * tick either side, volume of the last 24 hours, and the change over them in percent.
     */
    public static Ticker ticker(String symbol, long nowMillis) {
        SyntheticMarket market = new SyntheticMarket(symbol);
        double last = market.lastPrice(nowMillis);
        double dayAgo = market.lastPrice(nowMillis - DAY_MILLIS);
        BarSeries day = new BarSeries(symbol, Timeframe.D1, 1);
        market.appendBar(day, nowMillis - DAY_MILLIS, DAY_MILLIS);
        double tick = market.tickSize();
        return new Ticker(symbol, last, last - tick, last + tick, day.volume(0), (last / dayAgo - 1) * 100, nowMillis);
    }

    @Override
    public BarSeries history(String symbol, Timeframe timeframe, long fromMillis, long toMillis, RunControl control) {
        // Only bars that have closed by now exist, as on a real exchange.
        long lastClosedEnd = Math.floorDiv(System.currentTimeMillis(), timeframe.millis()) * timeframe.millis();
        long to = Math.min(toMillis, lastClosedEnd - timeframe.millis() + 1);
        return new SyntheticMarket(symbol).bars(timeframe, fromMillis, to, control);
    }
}
