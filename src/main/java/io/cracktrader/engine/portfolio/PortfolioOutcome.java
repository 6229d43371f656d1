package io.cracktrader.engine.portfolio;

import io.cracktrader.engine.metrics.EquityCurve;
import io.cracktrader.engine.metrics.PerformanceMetrics;
import java.util.List;

/**
 * What a portfolio produced: every fill in the order it happened, the portfolio's equity curve,
 * its metrics and benchmark return (buy and hold; NaN without bars), open positions and final cash.
 */
public record PortfolioOutcome(List<Fill> fills, EquityCurve equity, PerformanceMetrics metrics,
                               double benchmarkReturn, List<OpenPosition> positions, double cash) {
}
