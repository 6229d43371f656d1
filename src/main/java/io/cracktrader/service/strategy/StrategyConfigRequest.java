package io.cracktrader.service.strategy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The strategy configuration of the strategy-management API (StrategyConfig), with what running it needs. */
@RegisterForReflection
@Schema(name = "StrategyConfig")
public record StrategyConfigRequest(
        @Schema(required = true, example = "Momentum Strategy") String name,
        @Schema(example = "Price momentum based strategy") String description,
        @Schema(enumeration = {"trend_following", "mean_reversion", "momentum", "breakout", "passive", "custom"},
                example = "momentum", required = true) String category,
        @Schema(description = "Strategy type from GET /api/v1/strategies; when omitted, the type of the category whose "
                + "parameters include every given one", example = "MacdMomentum") String strategyType,
        @Schema(example = "{\"fast_period\": 12, \"slow_period\": 26, \"signal_period\": 9}") Map<String, Object> parameters,
        @Schema(enumeration = {"low", "medium", "high"}, defaultValue = "medium") String riskLevel,
        @Schema(example = "[\"momentum\", \"technical\"]") List<String> tags,
        @Schema(defaultValue = "1h", example = "1h") String timeframe,
        @Schema(description = "Symbols written BASE/QUOTE (docs/API-CONTRACT.md); default BTC/USDT", example = "[\"BTC/USDT\"]")
        List<String> symbols,
        @Schema(description = "Exchange for market data; default the built-in simulated exchange") String exchange,
        @Schema(description = "Capital a start or backtest begins with, in the quote currency", defaultValue = "10000")
        Double initialCapital,
        @Schema(enumeration = {"inactive", "running", "stopped"}, description = "On update: running starts the strategy, "
                + "stopped or inactive stops it") String status) {
}
