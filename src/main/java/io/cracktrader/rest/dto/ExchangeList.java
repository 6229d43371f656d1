package io.cracktrader.rest.dto;

import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.exchange.MarketDataSource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** {@code {"exchanges": [names]}} as 01 reads it, plus what each offers. */
@RegisterForReflection
public record ExchangeList(List<String> exchanges, String defaultExchange, List<ExchangeInfo> details) {

    @RegisterForReflection
    public record ExchangeInfo(String name, boolean simulated, boolean marketData, List<String> modes,
                               List<String> timeframes) {
    }

    public static ExchangeList of(List<MarketDataSource> sources, String defaultExchange) {
        return new ExchangeList(sources.stream().map(MarketDataSource::name).toList(), defaultExchange,
                sources.stream().map(s -> new ExchangeInfo(s.name(), s.simulated(), true,
                        s.simulated() ? List.of("backtest", "paper") : List.of("backtest"),
                        s.timeframes().stream().sorted().map(Timeframe::code).toList())).toList());
    }
}
