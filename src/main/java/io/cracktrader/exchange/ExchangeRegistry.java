package io.cracktrader.exchange;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.exchange.binance.BinanceMarketData;
import io.cracktrader.exchange.simulated.SimulatedMarketData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The exchanges runs can draw market data from, by name. */
@ApplicationScoped
public class ExchangeRegistry {
    private final Map<String, MarketDataSource> sources = new LinkedHashMap<>();
    private final String defaultExchange;

    public ExchangeRegistry(CracktraderConfig config) {
        add(new SimulatedMarketData());
        add(new BinanceMarketData(config.exchanges().binanceUrl().orElse("https://api.binance.com"),
                config.exchanges().timeoutSeconds()));
        this.defaultExchange = config.exchanges().defaultExchange();
    }

    private void add(MarketDataSource source) {
        sources.put(source.name(), source);
    }

    /** The source called {@code name}, or null when there is none. */
    public MarketDataSource find(String name) {
        return sources.get(name);
    }

    public Collection<MarketDataSource> all() {
        return sources.values();
    }

    public String defaultExchange() {
        return defaultExchange;
    }
}
