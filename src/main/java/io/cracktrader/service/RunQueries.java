package io.cracktrader.service;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.engine.metrics.EquityCurve;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.service.view.DetailedStatusView;
import io.cracktrader.service.view.EquityPointView;
import io.cracktrader.service.view.PageView;
import io.cracktrader.service.view.ResultsView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.cracktrader.store.RunFilter;
import io.cracktrader.store.RunStore;
import io.cracktrader.store.StoredRun;
import io.cracktrader.store.TradeRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the API reads about runs: an active run from memory (live figures), a finished one from the
 * store. Every method is blocking (the database); the facade runs it off the event loop.
 */
@ApplicationScoped
public class RunQueries {
    /** What a chart of a run needs: the run, its dataset (null for exchange data) and its first and last bar time. */
    public record BarSpan(RunView run, String dataset, long firstBar, long lastBar) {
    }

    private final RunStore store;
    private final RunRegistry registry;
    private final RunViews views;
    private final RunRecords records;
    private final int maxPoints;

    public RunQueries(RunStore store, RunRegistry registry, RunViews views, RunRecords records,
                      CracktraderConfig config) {
        this.store = store;
        this.registry = registry;
        this.views = views;
        this.records = records;
        this.maxPoints = config.runs().maxResultEquityPoints();
    }

    /** Who started a run and for which configured strategy (null: none). */
    public record Origin(String owner, String strategyId) {
    }

    /** The origin of a run, active or stored; empty when there is no such run. */
    public Optional<Origin> origin(String id) {
        ActiveRun run = registry.get(id);
        if (run != null) {
            return Optional.of(new Origin(run.origin.owner(), run.origin.strategyId()));
        }
        return store.find(id).map(s -> new Origin(s.owner(), s.strategyId()));
    }

    boolean hasActiveRun(String strategyId) {
        return store.count(new RunFilter("running", null, null, strategyId, null)) > 0
                || store.count(new RunFilter("starting", null, null, strategyId, null)) > 0;
    }

    public Optional<RunView> find(String id) {
        ActiveRun run = registry.get(id);
        return run != null ? Optional.of(views.view(run)) : store.find(id).map(views::view);
    }

    PageView<RunView> list(RunFilter filter, int page, int size) {
        long total = store.count(filter);
        List<RunView> items = store.list(filter, PageView.offset(page, size), size).stream().map(stored -> {
            ActiveRun live = registry.get(stored.id());
            return live != null ? views.view(live) : views.view(stored);
        }).toList();
        return PageView.of(items, page, size, total);
    }

    /** Full results of a finished run; for an active one, its figures so far and its latest fills. */
    public ResultsView results(String id) {
        ActiveRun live = registry.get(id);
        if (live != null) {
            RunView v = views.view(live);
            List<EquityPointView> curve = live.liveEquity();
            return new ResultsView(id, v.status(), v.mode(), v.strategyName(), v.symbols(), v.timeframe(), v.dataSource(),
                    v.initialCash(), v.value(), v.pnl(), null, live.recentTrades(), List.of(), curve, curve.size(),
                    v.error());
        }
        StoredRun s = store.find(id).orElseThrow(() -> new NotFoundException("No run with id " + id));
        RunView v = views.view(s);
        EquityCurve equity = store.equity(id);
        List<TradeView> trades = store.trades(id, 0, Integer.MAX_VALUE).stream().map(t -> RunViews.trade(id, t)).toList();
        return new ResultsView(id, s.status(), s.mode(), s.strategyName(), s.symbols(), s.timeframe(), v.dataSource(),
                s.initialCash(), s.equity(), v.pnl(), records.metrics(s), trades, records.positions(s),
                RunViews.equityPoints(equity, s.initialCash(), maxPoints), equity.size(), s.error());
    }

    /** A page of the run's stored fills; null when there is no such run. */
    PageView<TradeView> trades(String id, int page, int size) {
        if (find(id).isEmpty()) {
            return null;
        }
        long total = store.tradeCount(id);
        List<TradeView> items = store.trades(id, PageView.offset(page, size), size).stream().map(t -> RunViews.trade(id, t))
                .toList();
        return PageView.of(items, page, size, total);
    }

    /** The stored curve thinned to {@code points}; null when there is no such run. */
    List<EquityPointView> equity(String id, Integer points) {
        Optional<StoredRun> stored = store.find(id);
        return stored.map(s -> RunViews.equityPoints(store.equity(id), s.initialCash(),
                points == null ? Integer.MAX_VALUE : points)).orElse(null);
    }

    public EquityCurve storedEquity(String id) {
        return store.equity(id);
    }

    public List<TradeRow> storedTrades(String id) {
        return store.trades(id, 0, Integer.MAX_VALUE);
    }

    /** Symbols with an open position: live for an active run, else from the stored final positions. */
    public int openPositions(String id) {
        ActiveRun run = registry.get(id);
        return run != null ? run.openPositions : store.find(id).map(s -> records.positions(s).size()).orElse(0);
    }

    /** The span of bars a run has been through so far; empty when there is no such run or it has no bar yet. */
    public Optional<BarSpan> barSpan(String id) {
        ActiveRun live = registry.get(id);
        if (live != null) {
            List<EquityPointView> curve = live.liveEquity();
            return curve.isEmpty() ? Optional.empty() : Optional.of(new BarSpan(views.view(live), live.spec.dataset(),
                    curve.get(0).timestamp().toEpochMilli(), curve.get(curve.size() - 1).timestamp().toEpochMilli()));
        }
        Optional<StoredRun> stored = store.find(id);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        EquityCurve curve = store.equity(id);
        return curve.size() == 0 ? Optional.empty() : Optional.of(new BarSpan(views.view(stored.get()),
                records.request(stored.get()).dataset(), curve.time(0), curve.time(curve.size() - 1)));
    }

    /** The runner's current run, or only its status for a caller who may not read it ({@code readable} says). */
    RunView runnerStatus(Predicate<String> readable) {
        String id = registry.runnerRunId();
        RunView run = id == null ? RunView.idle() : find(id).orElse(RunView.idle());
        return id == null || readable.test(id) ? run : RunView.busy(run.status());
    }

    DetailedStatusView runnerDetailedStatus(Predicate<String> readable) {
        String id = registry.runnerRunId();
        if (id == null) {
            return new DetailedStatusView(RunView.idle(), List.of(), List.of(), null);
        }
        if (!readable.test(id)) {
            return new DetailedStatusView(runnerStatus(readable), List.of(), List.of(), null);
        }
        ActiveRun run = registry.get(id);
        if (run != null) {
            return new DetailedStatusView(views.view(run), run.recentTrades(), run.liveEquity(), null);
        }
        ResultsView results = results(id);
        List<TradeView> trades = results.trades();
        return new DetailedStatusView(find(id).orElse(RunView.idle()),
                trades.subList(Math.max(0, trades.size() - 50), trades.size()), results.equityCurve(),
                results.performanceMetrics());
    }

    ResultsView runnerResults(Predicate<String> readable) {
        String id = registry.runnerRunId();
        if (id == null || !readable.test(id)) {
            throw new NotFoundException("No results: the runner has not run anything of yours since its last reset");
        }
        return results(id);
    }
}
