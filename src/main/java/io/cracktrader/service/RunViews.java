package io.cracktrader.service;

import io.cracktrader.engine.metrics.EquityCurve;
import io.cracktrader.engine.portfolio.Fill;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.service.view.DataSourceView;
import io.cracktrader.service.view.EquityPointView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.cracktrader.store.StoredRun;
import io.cracktrader.store.TradeRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Views of runs, built straight from the objects: an active run from its spec and live figures, a
 * finished one from its stored row. A fill has one id everywhere: {@code <first 8 of the run id>-<n>},
 * n counting the run's fills in the order they happened.
 */
@ApplicationScoped
public class RunViews {
    private final ExchangeRegistry exchanges;
    private final RunRecords records;
    private final BacktestQueue queue;

    public RunViews(ExchangeRegistry exchanges, RunRecords records, BacktestQueue queue) {
        this.exchanges = exchanges;
        this.records = records;
        this.queue = queue;
    }

    RunView view(ActiveRun run) {
        RunSpec spec = run.spec;
        long now = System.currentTimeMillis();
        double cash = run.control.cash();
        double value = run.control.value();
        Long started = run.startedAt;
        OptionalInt position = run.status == RunStatus.STARTING && spec.mode() == RunMode.BACKTEST
                ? queue.position(run.id) : OptionalInt.empty();
        return new RunView(run.id, run.status.code(), spec.mode().code(), spec.strategy().name(), spec.parameters(),
                spec.symbols(), spec.timeframe().code(), spec.exchange(), dataSource(spec.exchange(), spec.dataset()),
                Instant.ofEpochMilli(spec.fromMillis()), Instant.ofEpochMilli(spec.toMillis()),
                Instant.ofEpochMilli(run.createdAt), started == null ? null : Instant.ofEpochMilli(started),
                run.finishedAt == null ? null : Instant.ofEpochMilli(run.finishedAt),
                started == null ? null : run.runtimeSeconds(now), spec.mode() == RunMode.BACKTEST ? run.control.progress() : 0,
                run.control.barsProcessed(), spec.initialCash(), Double.isNaN(cash) ? null : cash,
                Double.isNaN(value) ? null : value, Double.isNaN(value) ? null : value - spec.initialCash(),
                (int) run.fillsDurable, run.error, run.stopReason == null || run.status.active() ? null : run.stopReason.code(),
                position.isPresent() ? position.getAsInt() : null,
                waitingFor(run, position));
    }

    private String waitingFor(ActiveRun run, OptionalInt position) {
        if (run.status != RunStatus.STARTING) {
            return null;
        }
        if (position.isPresent()) {
            return "a free backtest worker (" + queue.workers() + " in all; " + (position.getAsInt() - 1)
                    + " backtest(s) go first)";
        }
        return run.spec.mode() == RunMode.BACKTEST ? "a backtest worker to load its data" : "its warm-up bars";
    }

    RunView view(StoredRun s) {
        RunRequest request = records.request(s);
        Double pnl = s.equity() == null ? null : s.equity() - s.initialCash();
        return new RunView(s.id(), s.status(), s.mode(), s.strategyName(), request.strategyParams(), s.symbols(),
                s.timeframe(), s.exchange(), dataSource(s.exchange(), request.dataset()),
                instant(request.startDate()), instant(request.endDate()), Instant.ofEpochMilli(s.createdAt()),
                s.startedAt() == null ? null : Instant.ofEpochMilli(s.startedAt()),
                s.finishedAt() == null ? null : Instant.ofEpochMilli(s.finishedAt()), s.runtimeSeconds(), s.progress(),
                s.barsProcessed(), s.initialCash(), s.cash(), s.equity(), pnl, s.tradeCount(), s.error(), s.stopReason(),
                null, null);
    }

    DataSourceView dataSource(String exchange, String dataset) {
        if (dataset != null) {
            return new DataSourceView(RunSpec.DATASET, false, "Imported dataset '" + dataset + "'");
        }
        MarketDataSource source = exchanges.find(exchange);
        return DataSourceView.of(exchange, source != null && source.simulated());
    }

    static TradeView trade(String runId, TradeRow t) {
        return new TradeView(ActiveRun.fillId(runId, t.seq()), Instant.ofEpochMilli(t.time()), t.symbol(), t.side(),
                t.size(), t.price(), t.size() * t.price(), t.pnl(), t.commission());
    }

    static TradeView trade(ActiveRun run, Fill f) {
        return new TradeView(run.fillId(f.seq()), Instant.ofEpochMilli(f.time()), f.symbol(), f.buy() ? "buy" : "sell",
                f.size(), f.price(), f.size() * f.price(), f.closesRoundTrip() ? f.pnl() : null, f.commission());
    }

    /** The curve, evenly thinned to at most {@code maxPoints} (always keeping the last point). */
    static List<EquityPointView> equityPoints(EquityCurve e, double initialCash, int maxPoints) {
        int n = e.size();
        int limit = Math.max(2, maxPoints);
        List<EquityPointView> out = new ArrayList<>(Math.min(n, limit));
        double stride = n <= limit ? 1 : (double) (n - 1) / (limit - 1);
        int last = -1;
        for (int k = 0; k < Math.min(n, limit); k++) {
            int i = n <= limit ? k : (int) Math.round(k * stride);
            if (i == last) {
                continue;
            }
            last = i;
            double benchmark = e.benchmark(i);
            out.add(new EquityPointView(Instant.ofEpochMilli(e.time(i)), e.value(i), e.cash(i), e.value(i) - initialCash,
                    Double.isNaN(benchmark) ? null : benchmark));
        }
        return out;
    }

    private static Instant instant(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }
}
