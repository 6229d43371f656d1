package io.cracktrader.service.view;

import io.cracktrader.engine.metrics.PerformanceMetrics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Performance figures of a run; definitions in the descriptions. */
@RegisterForReflection
@Schema(name = "PerformanceMetrics")
public record PerformanceView(
        @Schema(description = "Mean / sample standard deviation of per-bar equity returns × √(bars per year, "
                + "365-day calendar); risk-free rate 0") double sharpeRatio,
        @Schema(description = "Largest peak-to-trough fall of mark-to-market equity, fraction of the peak") double maxDrawdown,
        @Schema(description = "max_drawdown in percent") double maxDrawdownPct,
        @Schema(description = "Closed round trips") int totalTrades,
        @Schema(description = "Fraction of closed round trips with pnl > 0") double winRate,
        @Schema(description = "final value / initial cash − 1") double totalReturn,
        @Schema(description = "(final / initial)^(bars per year / bars) − 1") double annualizedReturn,
        @Schema(description = "Sample standard deviation of per-bar returns × √(bars per year)") double volatility,
        int winningTrades,
        double totalCommission) {

    public static PerformanceView of(PerformanceMetrics m) {
        return new PerformanceView(m.sharpeRatio(), m.maxDrawdown(), m.maxDrawdown() * 100, m.totalTrades(),
                m.winRate(), m.totalReturn(), m.annualizedReturn(), m.volatility(), m.winningTrades(),
                m.totalCommission());
    }
}
