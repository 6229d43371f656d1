package io.cracktrader.engine;

import io.cracktrader.engine.broker.CostModel;
import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.broker.OrderBroker;
import io.cracktrader.engine.broker.Sizing;
import io.cracktrader.engine.broker.WarmUpGateway;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.metrics.EquityCurve;
import io.cracktrader.engine.metrics.EquityStats;
import io.cracktrader.engine.strategy.Strategy;

/**
 * One strategy trading one symbol, advanced a bar at a time: fill the order placed on the previous
 * close at this open, let the strategy see the close, record mark-to-market equity. Backtests call
 * {@link #onBar} in a tight loop over stored bars; paper runs call it as each bar closes. Running
 * statistics (drawdown, returns) are kept at every bar; the full equity curve only when asked for
 * (results need it, parameter sweeps do not). Allocates nothing per bar once the fill log and the
 * curve have room.
 */
public final class TradingLoop {
    private final BarSeries bars;
    private final Strategy strategy;
    private final OrderBroker broker;
    private final EquityCurve equity;
    private final EquityStats stats;
    private final double initialCash;
    private final CostModel costs;
    private double benchmarkSize = Double.NaN;
    private double benchmarkCash;

    /** A loop with percentage commission, all-in sizing, long only, keeping the full equity curve. */
    public TradingLoop(BarSeries bars, Strategy strategy, double initialCash, double commission, double slippage,
                       int expectedBars, FillListener listener) {
        this(bars, strategy, initialCash, new CostModel(commission, 0, slippage), Sizing.ALL_IN, false,
                new EquityCurve(expectedBars), listener);
    }

    /** As above; {@code equity} null keeps statistics only. */
    public TradingLoop(BarSeries bars, Strategy strategy, double initialCash, double commission, double slippage,
                       EquityCurve equity, FillListener listener) {
        this(bars, strategy, initialCash, new CostModel(commission, 0, slippage), Sizing.ALL_IN, false, equity, listener);
    }

    /**
     * @param equity where to record the curve, or null to keep statistics only
     * @param allowShort whether sells may open short positions
     */
    public TradingLoop(BarSeries bars, Strategy strategy, double initialCash, CostModel costs, Sizing sizing,
                       boolean allowShort, EquityCurve equity, FillListener listener) {
        this.bars = bars;
        this.strategy = strategy;
        this.initialCash = initialCash;
        this.costs = costs;
        this.broker = new OrderBroker(initialCash, costs, sizing, allowShort, 64, listener);
        this.equity = equity;
        this.stats = new EquityStats(initialCash);
    }

    /** Shows bar {@code i} to the strategy without trading, to warm up its indicators. */
    public void warmUp(int i) {
        strategy.onBar(bars, i, WarmUpGateway.INSTANCE);
    }

    /** Trades bar {@code i}. */
    public void onBar(int i) {
        broker.onBar(bars.time(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i));
        strategy.onBar(bars, i, broker);
        final double close = bars.close(i);
        final double value = broker.equity(close);
        stats.record(value, broker.position() != 0);
        if (equity != null) {
            if (Double.isNaN(benchmarkSize)) {
                // Buy and hold: all the cash at this first traded bar's open, with the run's costs.
                double price = bars.open(i) * (1 + costs.slippage());
                benchmarkSize = (initialCash - costs.fixedCommission()) / (price * (1 + costs.commissionRate()));
                benchmarkCash = Math.max(0.0, initialCash - benchmarkSize * price - costs.commission(benchmarkSize * price));
            }
            equity.record(bars.time(i), value, broker.cash(), benchmarkCash + benchmarkSize * close);
        }
    }

    /** Equity after the last traded bar, or the initial cash before the first. */
    public double lastValue() {
        return stats.last();
    }

    /** Bars traded so far. */
    public long barsTraded() {
        return stats.bars();
    }

    public EquityStats stats() {
        return stats;
    }

    public BarSeries bars() {
        return bars;
    }

    public OrderBroker broker() {
        return broker;
    }

    /** The recorded curve, or null when this loop keeps statistics only. */
    public EquityCurve equity() {
        return equity;
    }

    public double initialCash() {
        return initialCash;
    }
}
