package io.cracktrader.service;

import io.cracktrader.engine.TradingLoop;
import io.cracktrader.engine.broker.FillLog;
import io.cracktrader.engine.broker.NextOpenBroker;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.metrics.EquityCurve;
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
record RunOutcome(List<TradeRow> trades, EquityCurve equity, PerformanceMetrics metrics, List<PositionView> positions,
                  double cash) {

    /**
     * @param loops one per symbol; null for a symbol never traded because the run stopped first
     *              (its share of the cash stays cash)
     */
    static RunOutcome of(TradingLoop[] loops, double sleeveCash, double initialCash, double barsPerYear) {
        List<TradeRow> trades = new ArrayList<>();
        List<PositionView> positions = new ArrayList<>();
        List<EquityCurve> curves = new ArrayList<>();
        List<FillLog> logs = new ArrayList<>();
        double cash = 0;
        for (TradingLoop loop : loops) {
            if (loop == null) {
                cash += sleeveCash;
                continue;
            }
            BarSeries bars = loop.bars();
            NextOpenBroker broker = loop.broker();
            FillLog fills = broker.fills();
            for (int i = 0; i < fills.count(); i++) {
                double pnl = fills.pnl(i);
                trades.add(new TradeRow(0, fills.time(i), bars.symbol(), fills.side(i) == FillLog.BUY ? "buy" : "sell",
                        fills.size(i), fills.price(i), fills.commission(i), Double.isNaN(pnl) ? null : pnl));
            }
            long traded = loop.barsTraded();
            if (broker.position() > 0 && traded > 0) {
                double mark = bars.close((int) traded - 1);
                positions.add(new PositionView(bars.symbol(), "long", broker.position(), broker.entryPrice(), mark,
                        (mark - broker.entryPrice()) * broker.position()));
            }
            cash += broker.cash();
            curves.add(loop.equity());
            logs.add(fills);
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
        PerformanceMetrics metrics = PerformanceMetrics.compute(initialCash, equity, logs.toArray(FillLog[]::new),
                barsPerYear);
        return new RunOutcome(numbered, equity, metrics, positions, cash);
    }

    /** Adds the cash of never-traded sleeves to every point. */
    private static EquityCurve withCash(EquityCurve curve, double extra) {
        if (extra == 0) {
            return curve;
        }
        EquityCurve out = new EquityCurve(curve.size());
        for (int i = 0; i < curve.size(); i++) {
            out.record(curve.time(i), curve.value(i) + extra, curve.cash(i) + extra);
        }
        return out;
    }
}
