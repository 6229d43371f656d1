package io.cracktrader.exchange.binance;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.exchange.ExchangeUnavailableException;
import io.cracktrader.exchange.Ticker;
import io.cracktrader.exchange.MarketDataSource;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.marketdata.BinanceKline;
import org.knowm.xchange.binance.dto.marketdata.KlineInterval;
import org.knowm.xchange.binance.service.BinanceMarketDataService;
import org.knowm.xchange.currency.CurrencyPair;

/** Binance spot candles through XChange's Binance module, fetched page by page (1,000 per call). */
public final class BinanceMarketData implements MarketDataSource {
    public static final String NAME = "binance";
    private static final int PAGE = 1000;
    private static final Map<Timeframe, KlineInterval> INTERVALS = new EnumMap<>(Map.of(
            Timeframe.M1, KlineInterval.m1, Timeframe.M5, KlineInterval.m5, Timeframe.M15, KlineInterval.m15,
            Timeframe.M30, KlineInterval.m30, Timeframe.H1, KlineInterval.h1, Timeframe.H4, KlineInterval.h4,
            Timeframe.D1, KlineInterval.d1, Timeframe.W1, KlineInterval.w1));

    private final String baseUrl;
    private final int timeoutMillis;
    private volatile BinanceMarketDataService service;

    public BinanceMarketData(String baseUrl, int timeoutSeconds) {
        this.baseUrl = baseUrl;
        this.timeoutMillis = timeoutSeconds * 1000;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public Set<Timeframe> timeframes() {
        return INTERVALS.keySet();
    }

    @Override
    public BarSeries history(String symbol, Timeframe timeframe, long fromMillis, long toMillis, RunControl control) {
        CurrencyPair pair = new CurrencyPair(symbol);
        KlineInterval interval = INTERVALS.get(timeframe);
        BarSeries bars = new BarSeries(symbol, timeframe, (int) Math.min(1 << 20, (toMillis - fromMillis) / timeframe.millis() + 1));
        long cursor = fromMillis;
        long now = System.currentTimeMillis();
        while (cursor < toMillis && !control.stopRequested()) {
            List<BinanceKline> page;
            try {
                page = service().klines(pair, interval, PAGE, cursor, toMillis - 1);
            } catch (IOException | RuntimeException e) {
                // Everything XChange can throw here (I/O, HTTP status, exchange and resilience errors) means
                // the candles could not be had: report it as the exchange's failure, never as ours.
                throw new ExchangeUnavailableException("Could not fetch " + symbol + " " + timeframe.code()
                        + " candles from binance: " + reason(e));
            }
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

    @Override
    public Ticker ticker(String symbol) {
        org.knowm.xchange.dto.marketdata.Ticker t;
        try {
            t = service().getTicker(new CurrencyPair(symbol));
        } catch (IOException | RuntimeException e) {
            throw new ExchangeUnavailableException("Could not fetch the " + symbol + " ticker from binance: " + reason(e));
        }
        long time = t.getTimestamp() != null ? t.getTimestamp().getTime() : System.currentTimeMillis();
        return new Ticker(symbol, number(t.getLast()), number(t.getBid()), number(t.getAsk()), number(t.getVolume()),
                number(t.getPercentageChange()), time);
    }

    private static double number(java.math.BigDecimal value) {
        return value == null ? Double.NaN : value.doubleValue();
    }

    private BinanceMarketDataService service() {
        BinanceMarketDataService s = service;
        if (s == null) {
            ExchangeSpecification spec = new ExchangeSpecification(BinanceExchange.class);
            spec.setSslUri(baseUrl);
            spec.setShouldLoadRemoteMetaData(false);
            spec.setHttpConnTimeout(timeoutMillis);
            spec.setHttpReadTimeout(timeoutMillis);
            s = (BinanceMarketDataService) ExchangeFactory.INSTANCE.createExchange(spec).getMarketDataService();
            service = s;
        }
        return s;
    }

    /** A short cause without class names or stack traces. */
    private static String reason(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (root instanceof java.net.SocketTimeoutException) {
            return "timed out";
        }
        if (root instanceof java.net.UnknownHostException) {
            return "host not found";
        }
        return message == null || message.isBlank() ? "exchange error" : message.lines().findFirst().orElse("");
    }
}
