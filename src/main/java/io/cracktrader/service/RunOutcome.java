package io.cracktrader.service;

import io.cracktrader.engine.TradingLoop;
import io.cracktrader.engine.broker.FillLog;
import io.cracktrader.engine.broker.OrderBroker;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.metrics.EquityCurve;
import io.cracktrader.engine.metrics.EquityStats;
import io.cracktrader.engine.metrics.PerformanceMetrics;
import io.cracktrader.service.view.PositionView;
import io.cracktrader.store.TradeRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a run produced, assembled from its per-symbol sleeves: every fill in time order, the
 * portfolio equity curve, metrics, open positions and final cash.
 */
record RunOutcome(List<TradeRow> trades, EquityCurve equity, PerformanceMetrics metrics, double benchmarkReturn,
                  List<PositionView> positions, double cash) {

    /**
     * @param loops one per symbol; null for a symbol never traded because the run stopped first
     *              (its share of the cash stays cash)
     */
    static RunOutcome of(TradingLoop[] loops, double sleeveCash, double initialCash, double barsPerYear) {
        List<TradeRow> trades = new ArrayList<>();
        List<PositionView> positions = new ArrayList<>();
        List<EquityCurve> curves = new ArrayList<>();
        double cash = 0;
        for (TradingLoop loop : loops) {
            if (loop == null) {
                cash += sleeveCash;
                continue;
            }
            BarSeries bars = loop.bars();
            OrderBroker broker = loop.broker();
            FillLog fills = broker.fills();
            for (int i = 0; i < fills.count(); i++) {
                double pnl = fills.pnl(i);
                trades.add(new TradeRow(0, fills.time(i), bars.symbol(), fills.side(i) == FillLog.BUY ? "buy" : "sell",
                        fills.size(i), fills.price(i), fills.commission(i), Double.isNaN(pnl) ? null : pnl));
            }
            long traded = loop.barsTraded();
            if (broker.position() != 0 && traded > 0) {
                double mark = bars.close((int) traded - 1);
                positions.add(new PositionView(bars.symbol(), broker.position() > 0 ? "long" : "short",
                        Math.abs(broker.position()), broker.entryPrice(), mark,
                        (mark - broker.entryPrice()) * broker.position()));
            }
            cash += broker.cash();
            curves.add(loop.equity());
        }
        trades.sort(Comparator.comparingLong(TradeRow::time)); // stable: symbol order within a bar
        List<TradeRow> numbered = new ArrayList<>(trades.size());
        for (int i = 0; i < trades.size(); i++) {
            TradeRow t = trades.get(i);
            numbered.add(new TradeRow(i + 1, t.time(), t.symbol(), t.side(), t.size(), t.price(), t.commission(), t.pnl()));
        }
        double untraded = initialCash - sleeveCash * curves.size();
        double[] starting = new double[curves.size()];
        java.util.Arrays.fill(starting, sleeveCash);
        EquityCurve equity = curves.isEmpty() ? new EquityCurve(0)
                : withCash(EquityCurve.combine(curves.toArray(EquityCurve[]::new), starting), untraded);

        double commission = 0;
        int closed = 0;
        for (TradeRow t : numbered) {
            commission += t.commission();
            closed += t.pnl() == null ? 0 : 1;
        }
        double[] pnl = new double[closed];
        int k = 0;
        for (TradeRow t : numbered) {
            if (t.pnl() != null) {
                pnl[k++] = t.pnl();
            }
        }
        double exposure = 0;
        for (TradingLoop loop : loops) {
            exposure += loop == null ? 0 : loop.stats().exposure() / loops.length;
        }
        int n = equity.size();
        double years = n > 1 ? (equity.time(n - 1) - equity.time(0)) / (365.0 * 86_400_000) : 0;
        PerformanceMetrics metrics = PerformanceMetrics.compute(EquityStats.of(initialCash, equity), pnl, commission,
                barsPerYear, years, exposure);
        double benchmarkReturn = n == 0 ? Double.NaN : equity.benchmark(n - 1) / initialCash - 1;
        return new RunOutcome(numbered, equity, metrics, benchmarkReturn, positions, cash);
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
