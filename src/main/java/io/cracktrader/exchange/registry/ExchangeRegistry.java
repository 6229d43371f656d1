package io.cracktrader.exchange.registry;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.exchange.ExchangeCalls;
import io.cracktrader.exchange.ExchangeModule;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.cache.CachedMarketData;
import io.cracktrader.exchange.cache.CandleStore;
import io.cracktrader.exchange.simulated.SimulatedMarketData;
import io.cracktrader.exchange.xchange.BinanceMarketData;
import io.cracktrader.exchange.xchange.ExchangeConnector;
import io.cracktrader.exchange.xchange.XChangeMarketData;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every exchange the service knows, by name: the built-in simulated venue and XChange's bundled
 * modules, each with its market data (candles of real exchanges go through the local cache).
 */
@ApplicationScoped
public class ExchangeRegistry {
    private final Map<String, ExchangeModule> modules = new LinkedHashMap<>();
    private final Map<String, MarketDataSource> sources = new LinkedHashMap<>();
    private final String defaultExchange;

    public ExchangeRegistry(CracktraderConfig config, SimulatedMarketData simulated, ExchangeConnector connector,
                            ExchangeCalls calls, CandleStore candles) {
        modules.put(ExchangeModule.SIMULATED.name(), ExchangeModule.SIMULATED);
        sources.put(simulated.name(), simulated);
        for (ExchangeModule m : ExchangeModule.BUNDLED) {
            modules.put(m.name(), m);
            MarketDataSource source = "binance".equals(m.name()) ? new BinanceMarketData(m, connector, calls)
                    : new XChangeMarketData(m, connector, calls);
            sources.put(m.name(), new CachedMarketData(source, candles));
            calls.watch(m.name());
        }
        this.defaultExchange = config.exchanges().defaultExchange();
    }

    /** The market data of {@code name}, or null when there is no such exchange. */
    public MarketDataSource find(String name) {
        return sources.get(name);
    }

    /** The module called {@code name}, or null. */
    public ExchangeModule module(String name) {
        return modules.get(name);
    }

    public Collection<MarketDataSource> all() {
        return sources.values();
    }

    public List<ExchangeModule> modules() {
        return new ArrayList<>(modules.values());
    }

    public String defaultExchange() {
        return defaultExchange;
    }
}
