package io.cracktrader.engine.portfolio;

import io.cracktrader.engine.Backtest;
import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.TradingLoop;
import io.cracktrader.engine.broker.CostModel;
import io.cracktrader.engine.broker.FillLog;
import io.cracktrader.engine.broker.OrderBroker;
import io.cracktrader.engine.broker.Sizing;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.metrics.EquityCurve;
import io.cracktrader.engine.metrics.EquityStats;
import io.cracktrader.engine.metrics.PerformanceMetrics;
import io.cracktrader.engine.strategy.Strategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The account of one run: one sleeve per symbol (the initial cash split equally, each sleeve a
 * {@link TradingLoop} with its own strategy instance and broker), traded bar by bar in time order
 * across the symbols, and the sums a status report needs. Fills are numbered as they happen, in
 * that same order, so the numbers streamed and the numbers stored agree. Not thread-safe: one run's
 * portfolio is advanced by one thread at a time.
 */
public final class Portfolio {

    /** Told of each fill as it happens, with its run-wide number. */
    @FunctionalInterface
    public interface FillSink {
        void onFill(Fill fill);
    }

    private final TradingLoop[] loops;
    private final long[][] seqs;
    private final int[] fillCounts;
    private final double sleeveCash;
    private final double initialCash;
    private long nextSeq;

    /**
     * @param series one per symbol (a paper run appends to them as bars close)
     * @param equityCapacity points each sleeve's curve starts with room for beyond its stored bars (it grows)
     */
    public Portfolio(BarSeries[] series, Supplier<Strategy> strategies, double initialCash, CostModel costs,
                     Sizing sizing, boolean allowShort, int equityCapacity, FillSink sink) {
        this.initialCash = initialCash;
        this.sleeveCash = initialCash / series.length;
        this.loops = new TradingLoop[series.length];
        this.seqs = new long[series.length][16];
        this.fillCounts = new int[series.length];
        for (int k = 0; k < series.length; k++) {
            final int sleeve = k;
            final String symbol = series[k].symbol();
            loops[k] = new TradingLoop(series[k], strategies.get(), sleeveCash, costs, sizing, allowShort,
                    new EquityCurve(Math.max(16, Math.max(equityCapacity, series[k].size()))), (log, i) -> recordFill(sleeve, symbol, log, i, sink));
        }
    }

    private void recordFill(int sleeve, String symbol, FillLog log, int i, FillSink sink) {
        long seq = ++nextSeq;
        if (fillCounts[sleeve] == seqs[sleeve].length) {
            seqs[sleeve] = Arrays.copyOf(seqs[sleeve], seqs[sleeve].length * 2);
        }
        seqs[sleeve][fillCounts[sleeve]++] = seq;
        sink.onFill(fill(seq, symbol, log, i));
    }

    private static Fill fill(long seq, String symbol, FillLog log, int i) {
        return new Fill(seq, log.time(i), symbol, log.side(i) == FillLog.BUY, log.size(i), log.price(i),
                log.commission(i), log.pnl(i));
    }

    /**
     * Trades every stored bar, watching {@code control} for a stop. One symbol takes the tight loop of
     * {@link io.cracktrader.engine.Backtest}; several are walked together in time order (ties in symbol
     * order), so fills are numbered in the order a live portfolio would have seen them.
     */
    public void backtest(RunControl control) {
        long total = 0;
        for (TradingLoop loop : loops) {
            total += loop.bars().size();
        }
        control.expectBars(total);
        if (loops.length == 1) {
            Backtest.run(loops[0], control);
            return;
        }
        long started = System.nanoTime();
        int[] next = new int[loops.length];
        for (long processed = 0; processed < total; processed++) {
            if ((processed & (RunControl.PUBLISH_EVERY - 1)) == 0 && processed > 0) {
                if (control.stopRequested()) {
                    break;
                }
                control.publish(processed, cash(), value(), fillCount());
            }
            int k = earliest(next);
            loops[k].onBar(next[k]++);
        }
        control.addEngineNanos(System.nanoTime() - started);
        control.publish(barsTraded(), cash(), value(), fillCount());
    }

    /** The sleeve whose next bar opens first; the lowest index on a tie. */
    private int earliest(int[] next) {
        int best = -1;
        long bestTime = Long.MAX_VALUE;
        for (int k = 0; k < loops.length; k++) {
            BarSeries bars = loops[k].bars();
            if (next[k] < bars.size() && bars.time(next[k]) < bestTime) {
                best = k;
                bestTime = bars.time(next[k]);
            }
        }
        return best;
    }

    /** Shows every stored bar to the strategies without trading: a live run's warm-up. */
    public void warmUp() {
        for (TradingLoop loop : loops) {
            for (int i = 0; i < loop.bars().size(); i++) {
                loop.warmUp(i);
            }
        }
    }

    /** Trades the newest bar of symbol {@code k}'s series (a live run calls this as each bar closes). */
    public void tradeLatest(int k) {
        loops[k].onBar(loops[k].bars().size() - 1);
    }

    public int symbols() {
        return loops.length;
    }

    public BarSeries series(int k) {
        return loops[k].bars();
    }

    public double cash() {
        double cash = 0;
        for (TradingLoop loop : loops) {
            cash += loop.broker().cash();
        }
        return cash;
    }

    /** Mark-to-market value after each sleeve's last traded bar. */
    public double value() {
        double value = 0;
        for (TradingLoop loop : loops) {
            value += loop.lastValue();
        }
        return value;
    }

    /** The buy-and-hold benchmark's value at each sleeve's last bar (its cash before any bar). */
    public double benchmark() {
        double benchmark = 0;
        for (TradingLoop loop : loops) {
            EquityCurve curve = loop.equity();
            benchmark += curve.size() == 0 ? sleeveCash : curve.benchmark(curve.size() - 1);
        }
        return benchmark;
    }

    public int openPositions() {
        int open = 0;
        for (TradingLoop loop : loops) {
            open += loop.broker().position() != 0 ? 1 : 0;
        }
        return open;
    }

    public int fillCount() {
        int count = 0;
        for (TradingLoop loop : loops) {
            count += loop.broker().fills().count();
        }
        return count;
    }

    public long barsTraded() {
        long bars = 0;
        for (TradingLoop loop : loops) {
            bars += loop.barsTraded();
        }
        return bars;
    }

    /** Assembles what the portfolio produced so far: fills, combined curve, metrics, positions, cash. */
    public PortfolioOutcome outcome(double barsPerYear) {
        List<Fill> fills = new ArrayList<>();
        List<OpenPosition> positions = new ArrayList<>();
        List<EquityCurve> curves = new ArrayList<>();
        double cash = 0;
        double untraded = 0;
        for (int k = 0; k < loops.length; k++) {
            TradingLoop loop = loops[k];
            if (loop.barsTraded() == 0) {
                untraded += sleeveCash; // a sleeve that never traded (stopped first) stays cash
                cash += sleeveCash;
                continue;
            }
            collectFills(k, fills);
            openPosition(loop).ifPresent(positions::add);
            cash += loop.broker().cash();
            curves.add(loop.equity());
        }
        fills.sort((a, b) -> Long.compare(a.seq(), b.seq()));
        double[] starting = new double[curves.size()];
        Arrays.fill(starting, sleeveCash);
        EquityCurve equity = curves.isEmpty() ? new EquityCurve(0)
                : withCash(EquityCurve.combine(curves.toArray(EquityCurve[]::new), starting), untraded);
        PerformanceMetrics metrics = metrics(fills, equity, barsPerYear);
        int n = equity.size();
        double benchmarkReturn = n == 0 ? Double.NaN : equity.benchmark(n - 1) / initialCash - 1;
        return new PortfolioOutcome(List.copyOf(fills), equity, metrics, benchmarkReturn, positions, cash);
    }

    private void collectFills(int k, List<Fill> out) {
        FillLog log = loops[k].broker().fills();
        String symbol = loops[k].bars().symbol();
        for (int i = 0; i < log.count(); i++) {
            out.add(fill(seqs[k][i], symbol, log, i));
        }
    }

    private static Optional<OpenPosition> openPosition(TradingLoop loop) {
        OrderBroker broker = loop.broker();
        if (broker.position() == 0) {
            return Optional.empty();
        }
        double mark = loop.bars().close((int) loop.barsTraded() - 1);
        return Optional.of(new OpenPosition(loop.bars().symbol(), broker.position() > 0,
                Math.abs(broker.position()), broker.entryPrice(), mark, (mark - broker.entryPrice()) * broker.position()));
    }

    private PerformanceMetrics metrics(List<Fill> fills, EquityCurve equity, double barsPerYear) {
        double commission = 0;
        double[] pnl = new double[fills.size()];
        int closed = 0;
        for (Fill f : fills) {
            commission += f.commission();
            if (f.closesRoundTrip()) {
                pnl[closed++] = f.pnl();
            }
        }
        double exposure = 0;
        for (TradingLoop loop : loops) {
            exposure += loop.barsTraded() == 0 ? 0 : loop.stats().exposure() / loops.length;
        }
        int n = equity.size();
        double years = n > 1 ? (equity.time(n - 1) - equity.time(0)) / (365.0 * 86_400_000) : 0;
        return PerformanceMetrics.compute(EquityStats.of(initialCash, equity), Arrays.copyOf(pnl, closed), commission,
                barsPerYear, years, exposure);
    }

    /** Adds the cash of never-traded sleeves to every point. */
    private static EquityCurve withCash(EquityCurve curve, double extra) {
        if (extra == 0) {
            return curve;
        }
        EquityCurve out = new EquityCurve(curve.size());
        for (int i = 0; i < curve.size(); i++) {
            out.record(curve.time(i), curve.value(i) + extra, curve.cash(i) + extra, curve.benchmark(i) + extra);
        }
        return out;
    }
}
