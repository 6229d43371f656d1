package io.cracktrader.engine.analysis;

import io.cracktrader.engine.TradingLoop;
import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.strategy.StrategyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rolling walk-forward analysis. The series is cut into windows of {@code inSampleBars} followed by
 * {@code outOfSampleBars}, each window starting {@code outOfSampleBars} after the previous one. In
 * each, every candidate parameter set is backtested on the in-sample bars and the one with the
 * highest total return is kept; it then trades the out-of-sample bars with fresh cash, its indicators
 * warmed up on the in-sample bars (orders are placed only out of sample). The out-of-sample returns,
 * compounded, are what the optimisation would really have earned. Runs over index ranges of the one
 * series: nothing is copied.
 */
public final class WalkForward {

    public record Window(int index, long inSampleStart, long outOfSampleStart, long outOfSampleEnd,
                        Map<String, Object> parameters, double inSampleReturn, double outOfSampleReturn) {
    }

    public record Result(List<Window> windows, double outOfSampleReturn) {
    }

    private WalkForward() {
    }

    /**
     * @param candidates validated, resolved parameter sets of {@code type} (see {@link StrategyType#resolve})
     */
    public static Result run(BarSeries bars, StrategyType type, List<Map<String, Object>> candidates,
                             int inSampleBars, int outOfSampleBars, double commission, double slippage) {
        if (candidates.isEmpty() || inSampleBars < 1 || outOfSampleBars < 1) {
            throw new IllegalArgumentException("need candidates and positive window lengths");
        }
        List<Window> windows = new ArrayList<>();
        double growth = 1;
        int index = 0;
        for (int start = 0; start + inSampleBars + outOfSampleBars <= bars.size(); start += outOfSampleBars) {
            int split = start + inSampleBars;
            int end = split + outOfSampleBars;
            Map<String, Object> best = null;
            double bestReturn = Double.NEGATIVE_INFINITY;
            for (Map<String, Object> parameters : candidates) {
                TradingLoop loop = loop(bars, type, parameters, commission, slippage);
                for (int i = start; i < split; i++) {
                    loop.onBar(i);
                }
                double r = loop.lastValue() / loop.initialCash() - 1;
                if (r > bestReturn) {
                    bestReturn = r;
                    best = parameters;
                }
            }
            TradingLoop test = loop(bars, type, best, commission, slippage);
            for (int i = start; i < split; i++) {
                test.warmUp(i);
            }
            for (int i = split; i < end; i++) {
                test.onBar(i);
            }
            double outReturn = test.lastValue() / test.initialCash() - 1;
            growth *= 1 + outReturn;
            windows.add(new Window(index++, bars.time(start), bars.time(split), bars.time(end - 1), best, bestReturn,
                    outReturn));
        }
        return new Result(List.copyOf(windows), growth - 1);
    }

    private static TradingLoop loop(BarSeries bars, StrategyType type, Map<String, Object> parameters,
                                    double commission, double slippage) {
        return new TradingLoop(bars, type.create(parameters), 10_000, commission, slippage, null, FillListener.NONE);
    }
}
