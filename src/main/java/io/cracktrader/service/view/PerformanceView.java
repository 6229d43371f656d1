package io.cracktrader.service.view;

import io.cracktrader.engine.metrics.PerformanceMetrics;
import io.cracktrader.engine.metrics.TradeStats;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Performance figures of a run; definitions in the descriptions. Annualisation uses bars per year on
 * a 365-day calendar. A figure that cannot be computed (no variation, no losing trade, fewer than two
 * trades) is null.
 */
@RegisterForReflection
@Schema(name = "PerformanceMetrics")
public record PerformanceView(
        @Schema(description = "Mean / sample standard deviation of per-bar equity returns × √(bars per year); "
                + "risk-free rate 0") Double sharpeRatio,
        @Schema(description = "Largest peak-to-trough fall of mark-to-market equity, fraction of the peak") double maxDrawdown,
        @Schema(description = "max_drawdown in percent") double maxDrawdownPct,
        @Schema(description = "Closed round trips") int totalTrades,
        @Schema(description = "Fraction of closed round trips with pnl > 0") double winRate,
        @Schema(description = "final value / initial cash − 1") double totalReturn,
        @Schema(description = "(final / initial)^(bars per year / bars) − 1") Double annualizedReturn,
        @Schema(description = "Sample standard deviation of per-bar returns × √(bars per year)") double volatility,
        int winningTrades,
        double totalCommission,
        @Schema(description = "(final / initial)^(1 / years from first to last bar) − 1") Double cagr,
        @Schema(description = "Mean per-bar return / √(Σ min(r, 0)² / n) × √(bars per year)") Double sortinoRatio,
        @Schema(description = "cagr / max_drawdown") Double calmarRatio,
        @Schema(description = "Longest time below a previous equity peak, in bars") Long maxDrawdownDurationBars,
        @Schema(description = "Fraction of bars ending with an open position") Double exposure,
        @Schema(description = "Gross profit / gross loss of closed round trips") Double profitFactor,
        @Schema(description = "Mean pnl per closed round trip") Double expectancy,
        @Schema(description = "System quality number: √n × mean pnl / sample deviation of pnl") Double sqn,
        Double averageTrade,
        Double bestTrade,
        Double worstTrade,
        Double averageWin,
        Double averageLoss,
        Integer longestWinStreak,
        Integer longestLossStreak,
        @Schema(description = "Return of buying at the first bar's open with the same costs and holding") Double benchmarkReturn) {

    public static PerformanceView of(PerformanceMetrics m, double benchmarkReturn) {
        TradeStats t = m.trades();
        return new PerformanceView(finite(m.sharpeRatio()), m.maxDrawdown(), m.maxDrawdown() * 100, m.totalTrades(),
                m.winRate(), m.totalReturn(), finite(m.annualizedReturn()), m.volatility(), m.winningTrades(),
                m.totalCommission(), finite(m.cagr()), finite(m.sortinoRatio()), finite(m.calmarRatio()),
                m.maxDrawdownBars(), finite(m.exposure()), finite(t.profitFactor()), finite(t.expectancy()),
                finite(t.sqn()), finite(t.expectancy()), finite(t.best()), finite(t.worst()), finite(t.averageWin()),
                finite(t.averageLoss()), t.longestWinStreak(), t.longestLossStreak(), finite(benchmarkReturn));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
