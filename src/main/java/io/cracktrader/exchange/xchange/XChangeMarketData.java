package io.cracktrader.exchange.xchange;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.exchange.ExchangeCalls;
import io.cracktrader.exchange.ExchangeModule;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.Ticker;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.currency.CurrencyPair;

/**
 * Market data of one XChange module through XChange's generic {@code MarketDataService}: tickers for
 * every module. Candles need an exchange-specific call ({@link BinanceMarketData}); a module without
 * one offers no timeframes, and asking it for history is a 422 naming the exchanges that have it.
 */
public class XChangeMarketData implements MarketDataSource {
    protected final ExchangeModule module;
    protected final ExchangeConnector connector;
    protected final ExchangeCalls calls;

    public XChangeMarketData(ExchangeModule module, ExchangeConnector connector, ExchangeCalls calls) {
        this.module = module;
        this.connector = connector;
        this.calls = calls;
    }

    @Override
    public String name() {
        return module.name();
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public Set<Timeframe> timeframes() {
        return Set.of();
    }

    @Override
    public BarSeries history(String symbol, Timeframe timeframe, long fromMillis, long toMillis, RunControl control) {
        throw new InvalidRequestException(Map.of("exchange", module.name() + " offers tickers only in this build; "
                + "historical candles come from binance or simulated"));
    }

    @Override
    public Ticker ticker(String symbol) {
        CurrencyPair pair = new CurrencyPair(symbol);
        Exchange exchange = connector.publicExchangeWithInstruments(module, calls);
        if (!ExchangeConnector.lists(exchange, pair)) {
            throw new InvalidRequestException(Map.of("symbol", module.name() + " does not list " + symbol));
        }
        org.knowm.xchange.dto.marketdata.Ticker t = calls.read(module.name(), "fetch the " + symbol + " ticker",
                () -> exchange.getMarketDataService().getTicker(pair));
        long time = t.getTimestamp() != null ? t.getTimestamp().getTime() : System.currentTimeMillis();
        return new Ticker(symbol, number(t.getLast()), number(t.getBid()), number(t.getAsk()), number(t.getVolume()),
                number(t.getPercentageChange()), time);
    }

    static double number(BigDecimal value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
