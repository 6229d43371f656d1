package io.cracktrader.exchange;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import java.util.Set;

/** Where a run's candles come from: one exchange. */
public interface MarketDataSource {
    String name();

    /** True for the built-in synthetic market; every response about its data says so. */
    boolean simulated();

    Set<Timeframe> timeframes();

    /**
     * Closed candles of {@code symbol} opening in {@code [fromMillis, toMillis)}.
     *
     * @throws ExchangeUnavailableException when the exchange cannot be reached or refuses
     */
    BarSeries history(String symbol, Timeframe timeframe, long fromMillis, long toMillis, RunControl control);

    /**
     * The ticker of {@code symbol} now: last, bid, ask, 24-hour volume and change.
     *
     * @throws ExchangeUnavailableException when the exchange cannot be reached or refuses
     */
    Ticker ticker(String symbol);
}
