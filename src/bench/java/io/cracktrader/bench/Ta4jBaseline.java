package io.cracktrader.bench;

import io.cracktrader.engine.data.BarSeries;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * The baseline for {@link BacktestBenchmark}: the same SMA 10/30 crossover over the same 1M bars in
 * ta4j 0.17 with double arithmetic (its fastest mode). One operation is one bar.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class Ta4jBaseline {
    private static final int MILLION = 1_000_000;

    @State(Scope.Benchmark)
    public static class Series {
        org.ta4j.core.BarSeries series;

        @Setup(Level.Trial)
        public void make() {
            BarSeries bars = BacktestBenchmark.randomWalk(MILLION);
            series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
            for (int i = 0; i < bars.size(); i++) {
                series.addBar(Instant.ofEpochMilli(bars.time(i) + 60_000).atZone(ZoneOffset.UTC), bars.open(i),
                        bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MILLION)
    public int ta4jDouble1M(Series data) {
        ClosePriceIndicator close = new ClosePriceIndicator(data.series);
        SMAIndicator fast = new SMAIndicator(close, 10);
        SMAIndicator slow = new SMAIndicator(close, 30);
        BaseStrategy strategy = new BaseStrategy(new CrossedUpIndicatorRule(fast, slow),
                new CrossedDownIndicatorRule(fast, slow));
        return new BarSeriesManager(data.series).run(strategy).getPositionCount();
    }
}
