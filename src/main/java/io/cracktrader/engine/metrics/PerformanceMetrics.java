package io.cracktrader.engine.metrics;

import io.cracktrader.engine.broker.FillLog;

/**
 * Performance figures of a finished run, with the definitions the API documents:
 *
 * <ul>
 *   <li>{@code totalReturn}: final value / initial cash − 1.</li>
 *   <li>{@code maxDrawdown}: largest peak-to-trough fall of the mark-to-market equity, as a fraction
 *       of the peak (the initial cash counts as the first peak).</li>
 *   <li>{@code sharpeRatio}: mean / standard deviation of per-bar simple returns of the equity
 *       (sample deviation, n − 1), times √(bars per year); risk-free rate 0; 0 with fewer than two
 *       returns or no variation.</li>
 *   <li>{@code volatility}: that deviation times √(bars per year).</li>
 *   <li>{@code annualizedReturn}: (final / initial)^(bars per year / bars) − 1.</li>
 *   <li>{@code totalTrades}: closed round trips; {@code winRate}: the fraction of those with pnl > 0.</li>
 * </ul>
 */
public record PerformanceMetrics(double finalValue, double totalReturn, double annualizedReturn, double volatility,
                                 double sharpeRatio, double maxDrawdown, int totalTrades, int winningTrades,
                                 double winRate, double totalCommission) {

    public static PerformanceMetrics compute(double initialCash, EquityCurve equity, FillLog[] fills,
                                             double barsPerYear) {
        return compute(EquityStats.of(initialCash, equity), fills, barsPerYear);
    }

    public static PerformanceMetrics compute(EquityStats stats, FillLog[] fills, double barsPerYear) {
        final double initialCash = stats.initial();
        final double finalValue = stats.last();
        final long n = stats.bars();
        double deviation = stats.returnDeviation();
        double sharpe = deviation > 0 ? stats.meanReturn() / deviation * Math.sqrt(barsPerYear) : 0;
        double growth = finalValue / initialCash;
        double annualized = n > 0 && growth > 0 ? Math.pow(growth, barsPerYear / n) - 1 : 0;

        int closed = 0;
        int wins = 0;
        double commission = 0;
        for (FillLog log : fills) {
            for (int i = 0; i < log.count(); i++) {
                commission += log.commission(i);
                double pnl = log.pnl(i);
                if (!Double.isNaN(pnl)) {
                    closed++;
                    if (pnl > 0) {
                        wins++;
                    }
                }
            }
        }
        return new PerformanceMetrics(finalValue, growth - 1, annualized, deviation * Math.sqrt(barsPerYear), sharpe,
                stats.maxDrawdown(), closed, wins, closed == 0 ? 0 : (double) wins / closed, commission);
    }
}
