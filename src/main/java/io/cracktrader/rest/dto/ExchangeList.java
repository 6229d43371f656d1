package io.cracktrader.rest.dto;

import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.exchange.ExchangeModule;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code {"exchanges": [names]}} as the dashboard reads it, plus what each offers. */
@RegisterForReflection
public record ExchangeList(List<String> exchanges, String defaultExchange, List<ExchangeInfo> details) {

    /**
     * One exchange: whether its data is synthetic, whether it serves tickers and candles, whether orders
     * can be placed on it and on its testnet, the order types the orders API takes, the run modes that work on it, and its candle timeframes.
     */
    @RegisterForReflection
    public record ExchangeInfo(String name, String title, boolean simulated, boolean marketData, boolean candles,
                               boolean trading, boolean sandbox, List<String> orderTypes, List<String> modes,
                               List<String> timeframes, String library) {
    }

    public static ExchangeList of(ExchangeRegistry registry) {
        List<ExchangeModule> modules = registry.modules().stream().sorted(Comparator.comparing(ExchangeModule::name)).toList();
        List<ExchangeInfo> details = new ArrayList<>();
        for (ExchangeModule m : modules) {
            MarketDataSource source = registry.find(m.name());
            boolean candles = !source.timeframes().isEmpty();
            List<String> modes = new ArrayList<>();
            if (candles) {
                modes.add("backtest");
                modes.add("paper");
            }
            // sandbox and live runs are not built yet; `sandbox` and `trading` say what the orders API offers
            details.add(new ExchangeInfo(m.name(), m.title(), m.simulated(), true, candles, true, m.sandbox(),
                    m.orderTypes(), modes, source.timeframes().stream().sorted().map(Timeframe::code).toList(),
                    m.simulated() ? "built-in" : "XChange"));
        }
        return new ExchangeList(modules.stream().map(ExchangeModule::name).toList(), registry.defaultExchange(), details);
    }
}
