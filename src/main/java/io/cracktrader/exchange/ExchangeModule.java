package io.cracktrader.exchange;

import io.cracktrader.exchange.simulated.SimulatedMarketData;
import java.util.List;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.bitstamp.BitstampExchange;
import org.knowm.xchange.bybit.BybitExchange;
import org.knowm.xchange.coinbasepro.CoinbaseProExchange;
import org.knowm.xchange.kraken.KrakenExchange;
import org.knowm.xchange.okex.OkexExchange;

/**
 * An exchange the service can talk to: the built-in simulated venue, or one of XChange's exchange
 * modules bundled in the build. {@code sandbox} says whether XChange can point it at the exchange's
 * testnet ({@code Exchange.USE_SANDBOX}); {@code orderTypes} are the ones the orders API accepts for it.
 */
public record ExchangeModule(String name, String title, Class<? extends Exchange> xchangeClass, boolean sandbox,
                             List<String> orderTypes) {

    public static final List<String> MARKET_LIMIT = List.of("market", "limit");
    public static final List<String> MARKET_LIMIT_STOP = List.of("market", "limit", "stop");

    public static final ExchangeModule SIMULATED = new ExchangeModule(SimulatedMarketData.NAME,
            "Built-in simulated exchange (synthetic market, local matching engine)", null, false, MARKET_LIMIT_STOP);

    /** XChange 5.2.1's modules in this build; names are what requests use. */
    public static final List<ExchangeModule> BUNDLED = List.of(
            new ExchangeModule("binance", "Binance (spot)", BinanceExchange.class, true, MARKET_LIMIT_STOP),
            new ExchangeModule("bitstamp", "Bitstamp", BitstampExchange.class, false, MARKET_LIMIT),
            new ExchangeModule("bybit", "Bybit", BybitExchange.class, true, MARKET_LIMIT),
            new ExchangeModule("coinbase", "Coinbase Exchange (XChange coinbasepro module)", CoinbaseProExchange.class,
                    true, MARKET_LIMIT),
            new ExchangeModule("kraken", "Kraken", KrakenExchange.class, false, MARKET_LIMIT),
            new ExchangeModule("okx", "OKX", OkexExchange.class, true, MARKET_LIMIT));

    public boolean simulated() {
        return xchangeClass == null;
    }
}
