package io.cracktrader.service;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to start a run, as the runner API and {@code POST /api/v1/runs} take it. */
@RegisterForReflection
@Schema(name = "RunRequest", description = "What to run, on which market, with how much money")
public record RunRequest(
        @Schema(description = "Strategy type from GET /api/v1/strategies", example = "MovingAverageCross", required = true)
        String strategyName,
        @Schema(description = "Parameters of the strategy type; omitted ones take their defaults",
                example = "{\"fast_period\": 10, \"slow_period\": 30}")
        Map<String, Object> strategyParams,
        @Schema(description = "Symbols written BASE/QUOTE; the initial cash is split equally between them",
                example = "[\"BTC/USDT\"]", required = true)
        List<String> symbols,
        @Schema(description = "Bar length: 1m 5m 15m 30m 1h 4h 1d 1w", example = "1h", defaultValue = "1h")
        String timeframe,
        @Schema(description = "First bar (ISO-8601 instant or date); default: the configured lookback before end_date",
                example = "2024-01-01T00:00:00Z")
        String startDate,
        @Schema(description = "End of the data, exclusive (ISO-8601 instant or date); default and upper bound: now",
                example = "2024-03-01T23:59:59Z")
        String endDate,
        @Schema(description = "Starting cash in the quote currency", example = "10000", defaultValue = "10000")
        Double initialCash,
        @Schema(description = "Exchange to take data from; default the built-in `simulated` exchange", example = "simulated")
        String exchange,
        @Schema(description = "Exchange credentials (apiKey, secret, password, sandbox, ...); never stored in clear, "
                + "logged or returned")
        Map<String, Object> exchangeConfig,
        @Schema(description = "backtest, paper, sandbox or live; POST /run/backtest implies backtest, "
                + "POST /run/live defaults to paper", example = "backtest")
        String mode,
        @Schema(description = "Commission as a fraction of notional, charged on entry and exit", example = "0.001",
                defaultValue = "0.001")
        Double commission,
        @Schema(description = "Slippage as a fraction of the fill price, against the trader", example = "0",
                defaultValue = "0")
        Double slippage,
        @Schema(description = "Name of an imported dataset (POST /api/v1/datasets) to backtest on instead of exchange "
                + "data; timeframe and symbol come from the dataset, dates default to its whole span")
        String dataset,
        @Schema(description = "How many units an entry buys; default all-in: the whole cash after commission")
        SizingRequest sizing,
        @Schema(description = "Commission per fill in the quote currency, on top of the percentage", defaultValue = "0")
        Double fixedCommission,
        @Schema(description = "Whether sells may open short positions", defaultValue = "false")
        Boolean allowShort) {

    /** Position sizing of a run. */
    @RegisterForReflection
    @Schema(name = "Sizing")
    public record SizingRequest(
            @Schema(enumeration = {"all_in", "fixed_amount", "percent_equity", "risk"}, defaultValue = "all_in",
                    description = "all_in: `value` (fraction, default 1) of the cash; fixed_amount: `value` in the quote "
                            + "currency; percent_equity: `value` (fraction) of equity; risk: lose `value` (fraction) "
                            + "of equity if the price falls `stop_distance` (fraction) below the entry")
            String mode,
            Double value,
            Double stopDistance) {
    }
}
