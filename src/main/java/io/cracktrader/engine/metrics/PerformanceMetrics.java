package io.cracktrader.engine.metrics;

import io.cracktrader.engine.broker.FillLog;

/**
 * Performance figures of a run. Annualisation uses bars per year on a 365-day calendar; deviations
 * of returns are sample deviations (n − 1), except the downside deviation (see {@link EquityStats}).
 *
 * <ul>
 *   <li>{@code totalReturn}: final / initial − 1.</li>
 *   <li>{@code annualizedReturn}: (final / initial)^(bars per year / bars) − 1.</li>
 *   <li>{@code cagr}: (final / initial)^(1 / years between the first and last bar) − 1.</li>
 *   <li>{@code volatility}: per-bar return deviation × √(bars per year).</li>
 *   <li>{@code sharpeRatio}: mean / deviation of per-bar returns × √(bars per year), risk-free 0.</li>
 *   <li>{@code sortinoRatio}: mean per-bar return / downside deviation × √(bars per year).</li>
 *   <li>{@code calmarRatio}: cagr / maxDrawdown.</li>
 *   <li>{@code maxDrawdown}: largest peak-to-trough fall of mark-to-market equity, fraction of the peak;
 *       {@code maxDrawdownBars}: longest time below a previous peak.</li>
 *   <li>{@code exposure}: fraction of bars ending with a position.</li>
 *   <li>trade figures: see {@link TradeStats}.</li>
 * </ul>
 * Ratios that cannot be computed (no variation, no losing trade, under two trades) are NaN.
 */
public record PerformanceMetrics(double finalValue, double totalReturn, double annualizedReturn, double cagr,
                                 double volatility, double sharpeRatio, double sortinoRatio, double calmarRatio,
                                 double maxDrawdown, long maxDrawdownBars, double exposure, TradeStats trades,
                                 double totalCommission) {

    public int totalTrades() {
        return trades.trades();
    }

    public int winningTrades() {
        return trades.wins();
    }

    public double winRate() {
        return trades.winRate();
    }

    /**
     * @param years time between the first and the last bar, in 365-day years
     * @param exposure fraction of bars in the market
     */
    public static PerformanceMetrics compute(EquityStats stats, double[] roundTripPnl, double commission,
                                             double barsPerYear, double years, double exposure) {
        final double initial = stats.initial();
        final double finalValue = stats.last();
        final long n = stats.bars();
        final double growth = finalValue / initial;
        final double annualFactor = Math.sqrt(barsPerYear);
        double deviation = stats.returnDeviation();
        double downside = stats.downsideDeviation();
        double sharpe = deviation > 0 ? stats.meanReturn() / deviation * annualFactor : Double.NaN;
        double sortino = downside > 0 ? stats.meanReturn() / downside * annualFactor : Double.NaN;
        double annualized = n > 0 && growth > 0 ? Math.pow(growth, barsPerYear / n) - 1 : Double.NaN;
        double cagr = years > 0 && growth > 0 ? Math.pow(growth, 1 / years) - 1 : Double.NaN;
        double calmar = stats.maxDrawdown() > 0 && !Double.isNaN(cagr) ? cagr / stats.maxDrawdown() : Double.NaN;
        return new PerformanceMetrics(finalValue, growth - 1, annualized, cagr, deviation * annualFactor, sharpe,
                sortino, calmar, stats.maxDrawdown(), stats.longestDrawdownBars(), exposure, TradeStats.of(roundTripPnl),
                commission);
    }

    /** Single-symbol convenience: statistics from the curve, trades from the fill log. */
    public static PerformanceMetrics compute(double initialCash, EquityCurve equity, FillLog[] fills, double barsPerYear) {
        double commission = 0;
        int closed = 0;
        for (FillLog log : fills) {
            for (int i = 0; i < log.count(); i++) {
                commission += log.commission(i);
                closed += Double.isNaN(log.pnl(i)) ? 0 : 1;
            }
        }
        double[] pnl = new double[closed];
        int k = 0;
        for (FillLog log : fills) {
            for (int i = 0; i < log.count(); i++) {
                if (!Double.isNaN(log.pnl(i))) {
                    pnl[k++] = log.pnl(i);
                }
            }
        }
        double years = equity.size() > 1
                ? (equity.time(equity.size() - 1) - equity.time(0)) / (365.0 * 86_400_000) : 0;
        return compute(EquityStats.of(initialCash, equity), pnl, commission, barsPerYear, years, Double.NaN);
    }
}
