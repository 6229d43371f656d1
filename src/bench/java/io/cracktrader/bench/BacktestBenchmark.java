package io.cracktrader.bench;

import io.cracktrader.engine.Backtest;
import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.TradingLoop;
import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.strategy.MovingAverageCross;
import java.util.SplittableRandom;
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

/**
 * MovingAverageCross (10/30, commission 0.1 %) over 1M and 10M synthetic bars. One operation is
 * one bar, so the score is bars per second and {@code -prof gc}'s {@code gc.alloc.rate.norm} is bytes
 * allocated per bar, setup of the run included.
 *
 * <ul>
 *   <li>{@code withCurve}: as the service runs a backtest, recording the full equity curve (24 bytes
 *       a bar, the results' curve).</li>
 *   <li>{@code statsOnly}: metrics without the curve, as parameter sweeps run.</li>
 * </ul>
 * The series is shared read-only by every benchmark thread: {@code -t 2} measures the many-runs mode.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx4g"})
public class BacktestBenchmark {
    private static final int MILLION = 1_000_000;
    private static final int TEN_MILLION = 10_000_000;

    @State(Scope.Benchmark)
    public static class OneMillion {
        BarSeries bars;

        @Setup(Level.Trial)
        public void make() {
            bars = randomWalk(MILLION);
        }
    }

    @State(Scope.Benchmark)
    public static class TenMillion {
        BarSeries bars;

        @Setup(Level.Trial)
        public void make() {
            bars = randomWalk(TEN_MILLION);
        }
    }

    /** A geometric random walk on a 0.01 tick grid, one-minute bars, seeded: every run sees the same bars. */
    static BarSeries randomWalk(int n) {
        SplittableRandom random = new SplittableRandom(42);
        BarSeries bars = new BarSeries("BENCH/USD", Timeframe.M1, n);
        double price = 100;
        long t = 1_500_000_000_000L;
        for (int i = 0; i < n; i++) {
            double open = Math.rint(price * 100) / 100;
            price *= Math.exp(0.001 * (random.nextDouble() - 0.5) * 3.4);
            double close = Math.rint(price * 100) / 100;
            double high = Math.max(open, close) + 0.01 * random.nextInt(5);
            double low = Math.max(0.01, Math.min(open, close) - 0.01 * random.nextInt(5));
            bars.append(t, open, Math.rint(high * 100) / 100, Math.rint(low * 100) / 100, close, 1 + random.nextInt(1000));
            t += 60_000;
        }
        return bars;
    }

    private static double run(BarSeries bars, boolean curve) {
        TradingLoop loop = curve
                ? new TradingLoop(bars, new MovingAverageCross(10, 30, 0, 0, 0), 10_000, 0.001, 0, bars.size(),
                        FillListener.NONE)
                : new TradingLoop(bars, new MovingAverageCross(10, 30, 0, 0, 0), 10_000, 0.001, 0, null,
                        FillListener.NONE);
        return Backtest.run(loop, new RunControl()).lastValue();
    }

    @Benchmark
    @OperationsPerInvocation(MILLION)
    public double withCurve1M(OneMillion data) {
        return run(data.bars, true);
    }

    @Benchmark
    @OperationsPerInvocation(TEN_MILLION)
    public double withCurve10M(TenMillion data) {
        return run(data.bars, true);
    }

    @Benchmark
    @OperationsPerInvocation(MILLION)
    public double statsOnly1M(OneMillion data) {
        return run(data.bars, false);
    }

    @Benchmark
    @OperationsPerInvocation(TEN_MILLION)
    public double statsOnly10M(TenMillion data) {
        return run(data.bars, false);
    }
}
