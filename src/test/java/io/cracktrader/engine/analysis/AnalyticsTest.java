package io.cracktrader.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.engine.TradingLoop;
import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.metrics.EquityStats;
import io.cracktrader.engine.metrics.PerformanceMetrics;
import io.cracktrader.engine.metrics.TradeStats;
import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsTest {

    @Test
    void tradeStatisticsByHand() {
        TradeStats t = TradeStats.of(new double[] {10, -5, 20, -5, -5, 15});
        assertEquals(6, t.trades());
        assertEquals(3, t.wins());
        assertEquals(0.5, t.winRate(), 0);
        assertEquals(45.0 / 15, t.profitFactor(), 1e-12);
        assertEquals(5, t.expectancy(), 1e-12);                  // 30 / 6
        // deviations from 5: 5, −10, 15, −10, −10, 10 → Σ² = 650, sample variance 130
        assertEquals(Math.sqrt(6) * 5 / Math.sqrt(130), t.sqn(), 1e-12);
        assertEquals(20, t.best(), 0);
        assertEquals(-5, t.worst(), 0);
        assertEquals(15, t.averageWin(), 1e-12);
        assertEquals(-5, t.averageLoss(), 1e-12);
        assertEquals(1, t.longestWinStreak());                   // W L W L L W
        assertEquals(2, t.longestLossStreak());
        assertTrue(Double.isNaN(TradeStats.of(new double[] {1, 2}).profitFactor()), "no losing trade");
    }

    @Test
    void equityStatisticsAndRatiosByHand() {
        EquityStats s = new EquityStats(100);
        s.record(110, true);
        s.record(99, true);
        s.record(120, false);
        assertEquals(0.1, s.maxDrawdown(), 1e-12);              // (110 − 99) / 110
        assertEquals(1, s.longestDrawdownBars());
        assertEquals(2.0 / 3, s.exposure(), 1e-12);
        double r1 = 0.1;
        double r2 = 99.0 / 110 - 1;
        double r3 = 120.0 / 99 - 1;
        double mean = (r1 + r2 + r3) / 3;
        assertEquals(mean, s.meanReturn(), 1e-12);
        double var = ((r1 - mean) * (r1 - mean) + (r2 - mean) * (r2 - mean) + (r3 - mean) * (r3 - mean)) / 2;
        assertEquals(Math.sqrt(var), s.returnDeviation(), 1e-12);
        assertEquals(Math.sqrt(r2 * r2 / 3), s.downsideDeviation(), 1e-12);

        // one year, 365 daily bars a year
        PerformanceMetrics m = PerformanceMetrics.compute(s, new double[] {20}, 1.5, 365, 1.0, s.exposure());
        assertEquals(0.2, m.totalReturn(), 1e-12);
        assertEquals(0.2, m.cagr(), 1e-12);
        assertEquals(0.2 / 0.1, m.calmarRatio(), 1e-9);
        assertEquals(mean / Math.sqrt(var) * Math.sqrt(365), m.sharpeRatio(), 1e-9);
        assertEquals(mean / Math.sqrt(r2 * r2 / 3) * Math.sqrt(365), m.sortinoRatio(), 1e-9);
        assertEquals(Math.pow(1.2, 365.0 / 3) - 1, m.annualizedReturn(), 1e-6 * Math.pow(1.2, 365.0 / 3));
    }

    @Test
    void monteCarloIsSeededAndBehaves() {
        double[] returns = {0.05, -0.02, 0.03, -0.04, 0.01, 0.02, -0.01};
        MonteCarlo.Result a = MonteCarlo.bootstrap(returns, 10_000, 2000, 7);
        MonteCarlo.Result b = MonteCarlo.bootstrap(returns, 10_000, 2000, 7);
        assertArrayEquals(a.finalValue(), b.finalValue(), 0);
        assertArrayEquals(a.maxDrawdown(), b.maxDrawdown(), 0);
        for (int i = 1; i < MonteCarlo.PERCENTILES.length; i++) {
            assertTrue(a.finalValue()[i - 1] <= a.finalValue()[i]);
            assertTrue(a.maxDrawdown()[i - 1] <= a.maxDrawdown()[i]);
        }
        assertTrue(a.probabilityOfLoss() > 0 && a.probabilityOfLoss() < 1);
        // With one possible return every simulation is the same path.
        MonteCarlo.Result flat = MonteCarlo.bootstrap(new double[] {0.1, 0.1, 0.1}, 100, 50, 1);
        for (double v : flat.finalValue()) {
            assertEquals(100 * 1.1 * 1.1 * 1.1, v, 1e-9);
        }
        assertEquals(0, flat.maxDrawdown()[4], 0);
        assertEquals(0, flat.probabilityOfLoss(), 0);
    }

    @Test
    void walkForwardPicksTheInSampleBestAndCompoundsOutOfSample() {
        long from = 1_650_000_000_000L;
        BarSeries bars = new SyntheticMarket("SOL/USDT").bars(Timeframe.H1, from, from + 3000 * 3_600_000L, null);
        StrategyType type = new StrategyCatalog().find("MovingAverageCross");
        List<Map<String, Object>> candidates = List.of(
                type.resolve(Map.of("fast_period", 5, "slow_period", 20)),
                type.resolve(Map.of("fast_period", 10, "slow_period", 30)),
                type.resolve(Map.of("fast_period", 20, "slow_period", 60)));
        WalkForward.Result result = WalkForward.run(bars, type, candidates, 1000, 500, 0.001, 0);
        assertEquals((3000 - 1000) / 500, result.windows().size());
        double growth = 1;
        for (WalkForward.Window w : result.windows()) {
            int start = w.index() * 500;
            assertEquals(bars.time(start), w.inSampleStart());
            assertEquals(bars.time(start + 1000), w.outOfSampleStart());
            // the chosen set has the best in-sample return, recomputed here independently
            double best = Double.NEGATIVE_INFINITY;
            for (Map<String, Object> c : candidates) {
                TradingLoop loop = new TradingLoop(bars, type.create(c), 10_000, 0.001, 0, null, FillListener.NONE);
                for (int i = start; i < start + 1000; i++) {
                    loop.onBar(i);
                }
                best = Math.max(best, loop.lastValue() / 10_000 - 1);
            }
            assertEquals(best, w.inSampleReturn(), 0);
            growth *= 1 + w.outOfSampleReturn();
        }
        assertEquals(growth - 1, result.outOfSampleReturn(), 1e-12);
    }
}
