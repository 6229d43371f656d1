package io.cracktrader.exchange.xchange;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.exchange.ExchangeCalls;
import io.cracktrader.exchange.ExchangeModule;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchange.binance.dto.marketdata.BinanceKline;
import org.knowm.xchange.binance.dto.marketdata.KlineInterval;
import org.knowm.xchange.binance.service.BinanceMarketDataService;
import org.knowm.xchange.currency.CurrencyPair;

/** Binance spot candles through XChange's Binance module, fetched page by page (1,000 per call). */
public final class BinanceMarketData extends XChangeMarketData {
    private static final int PAGE = 1000;
    private static final Map<Timeframe, KlineInterval> INTERVALS = new EnumMap<>(Map.of(
            Timeframe.M1, KlineInterval.m1, Timeframe.M5, KlineInterval.m5, Timeframe.M15, KlineInterval.m15,
            Timeframe.M30, KlineInterval.m30, Timeframe.H1, KlineInterval.h1, Timeframe.H4, KlineInterval.h4,
            Timeframe.D1, KlineInterval.d1, Timeframe.W1, KlineInterval.w1));

    public BinanceMarketData(ExchangeModule module, ExchangeConnector connector, ExchangeCalls calls) {
        super(module, connector, calls);
    }

    @Override
    public Set<Timeframe> timeframes() {
        return INTERVALS.keySet();
    }

    @Override
    public BarSeries history(String symbol, Timeframe timeframe, long fromMillis, long toMillis, RunControl control) {
        CurrencyPair pair = new CurrencyPair(symbol);
        KlineInterval interval = INTERVALS.get(timeframe);
        BarSeries bars = new BarSeries(symbol, timeframe,
                (int) Math.min(1 << 20, (toMillis - fromMillis) / timeframe.millis() + 1));
        BinanceMarketDataService service = (BinanceMarketDataService) connector.publicExchange(module).getMarketDataService();
        long cursor = fromMillis;
        long now = System.currentTimeMillis();
        while (cursor < toMillis && !control.stopRequested()) {
            long from = cursor;
            List<BinanceKline> page = calls.read(module.name(), "fetch " + symbol + " " + timeframe.code() + " candles",
                    () -> service.klines(pair, interval, PAGE, from, toMillis - 1));
            for (BinanceKline k : page) {
                if (k.getOpenTime() >= toMillis || k.getCloseTime() >= now) {
                    continue; // not closed yet, or outside the range
                }
                if (bars.size() == 0 || k.getOpenTime() > bars.time(bars.size() - 1)) {
                    bars.append(k.getOpenTime(), k.getOpen().doubleValue(), k.getHigh().doubleValue(),
                            k.getLow().doubleValue(), k.getClose().doubleValue(), k.getVolume().doubleValue());
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            cursor = page.get(page.size() - 1).getOpenTime() + timeframe.millis();
        }
        return bars;
    }
}
