package io.cracktrader.service.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.analysis.MonteCarlo;
import io.cracktrader.engine.analysis.WalkForward;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.metrics.EquityStats;
import io.cracktrader.engine.metrics.PerformanceMetrics;
import io.cracktrader.engine.strategy.ParameterSpec;
import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.error.ConflictException;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.error.ServiceException;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.security.Caller;
import io.cracktrader.security.Role;
import io.cracktrader.security.UserStore;
import io.cracktrader.service.RunMode;
import io.cracktrader.service.RunOrchestrator;
import io.cracktrader.service.RunQueries;
import io.cracktrader.service.RunOrigin;
import io.cracktrader.service.RunRequest;
import io.cracktrader.service.RunSpec;
import io.cracktrader.service.strategy.StrategyViews.BacktestView;
import io.cracktrader.service.strategy.StrategyViews.CategoryView;
import io.cracktrader.service.strategy.StrategyViews.ComparisonView;
import io.cracktrader.service.strategy.StrategyViews.EnsembleView;
import io.cracktrader.service.strategy.StrategyViews.HistoryView;
import io.cracktrader.service.strategy.StrategyViews.Pagination;
import io.cracktrader.service.strategy.StrategyViews.PerformanceSummary;
import io.cracktrader.service.strategy.StrategyViews.SignalView;
import io.cracktrader.service.strategy.StrategyViews.StrategyDetail;
import io.cracktrader.service.strategy.StrategyViews.StrategyPage;
import io.cracktrader.service.strategy.StrategyViews.StrategyView;
import io.cracktrader.service.strategy.StrategyViews.TemplateView;
import io.cracktrader.service.view.EquityPointView;
import io.cracktrader.service.view.PerformanceView;
import io.cracktrader.service.view.ResultsView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.cracktrader.store.ManagedStrategy;
import io.cracktrader.store.StrategyStore;
import io.cracktrader.store.TradeRow;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Strategy instances of the strategy-management API: configuration, ownership and sharing, start/stop as paper runs bound to
 * the instance, signals, performance by period, backtests with Monte Carlo and walk-forward,
 * comparison, history, templates, ensembles and categories. Every method is blocking (database and
 * runs): callers run it off the event loop.
 */
@ApplicationScoped
public class StrategyManager {
    private static final Logger LOG = Logger.getLogger(StrategyManager.class);
    public static final List<String> CATEGORIES = List.of("trend_following", "mean_reversion", "momentum", "breakout",
            "passive", "custom", "ensemble");
    public static final List<String> RISK_LEVELS = List.of("low", "medium", "high");
    public static final List<String> PERMISSIONS = List.of("read", "write", "execute", "delete", "share");
    public static final Map<String, Long> PERIODS = periods();
    public static final List<String> COMPARE_METRICS = List.of("total_return", "sharpe_ratio", "sortino_ratio",
            "calmar_ratio", "max_drawdown", "win_rate", "profit_factor", "total_trades");
    private static final Map<String, String> CATEGORY_DESCRIPTIONS = Map.of(
            "trend_following", "Ride established trends (moving-average crosses)",
            "mean_reversion", "Buy stretched-down prices and sell the rebound (RSI)",
            "momentum", "Follow accelerating price moves (MACD)",
            "breakout", "Enter when price leaves its recent range (Bollinger, Donchian)",
            "passive", "Hold the market as a benchmark",
            "custom", "Rule strategies and test strategies",
            "ensemble", "Weighted portfolios of other strategies");
    /** Category and risk of each built-in type; rule strategies are custom, medium risk. */
    private static final Map<String, String[]> TYPE_PROFILE = Map.of(
            "MovingAverageCross", new String[] {"trend_following", "medium"},
            "TestStrategy", new String[] {"custom", "low"},
            "RsiMeanReversion", new String[] {"mean_reversion", "medium"},
            "BollingerBreakout", new String[] {"breakout", "high"},
            "MacdMomentum", new String[] {"momentum", "medium"},
            "DonchianBreakout", new String[] {"breakout", "high"},
            "BuyAndHold", new String[] {"passive", "low"});
    private static final int MAX_MONTE_CARLO_RUNS = 10_000;
    private static final java.util.regex.Pattern TRADABLE = java.util.regex.Pattern.compile("[A-Z0-9]{2,12}/[A-Z0-9]{2,12}");
    private static final java.util.regex.Pattern TICKER = java.util.regex.Pattern.compile("[A-Za-z0-9.^=-]{1,20}");
    private static final long BACKTEST_WAIT_MILLIS = 120_000;

    private final StrategyStore store;
    private final StrategyCatalog catalog;
    private final RunOrchestrator runs;
    private final RunQueries queries;
    private final ExchangeRegistry exchanges;
    private final UserStore users;
    private final ObjectMapper json;
    private final EnsembleSupervisor ensembles;
    private final StrategyEvents events;

    public StrategyManager(StrategyStore store, StrategyCatalog catalog, RunOrchestrator runs, RunQueries queries, ExchangeRegistry exchanges,
                           UserStore users, ObjectMapper json, EnsembleSupervisor ensembles, StrategyEvents events) {
        this.events = events;
        this.store = store;
        this.catalog = catalog;
        this.runs = runs;
        this.queries = queries;
        this.exchanges = exchanges;
        this.users = users;
        this.json = json;
        this.ensembles = ensembles;
    }

    /** A run a previous process left going cannot be resumed: say so on the strategy. */
    void recover(@Observes @Priority(25) StartupEvent event) {
        long now = System.currentTimeMillis();
        for (ManagedStrategy s : store.withStatus("running")) {
            store.update(s.withStatus("error", s.currentRunId(), now));
            record(s.id(), "interrupted", null, Map.of("reason",
                    "The service stopped while this strategy was running; start it again"), now);
        }
    }

    // ---- list, get ----

    public StrategyPage list(Caller caller, String category, String status, String riskLevel, String search,
                             List<String> tags, String sortBy, String sortOrder, int page, int size) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (page < 1) {
            errors.put("page", "must be 1 or more");
        }
        if (size < 1 || size > 100) {
            errors.put("size", "must be between 1 and 100");
        }
        if (sortBy != null && !StrategyStore.SORTABLE.contains(sortBy)) {
            errors.put("sort_by", "must be one of " + String.join(", ", new java.util.TreeSet<>(StrategyStore.SORTABLE)));
        }
        if (sortOrder != null && !sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            errors.put("sort_order", "must be asc or desc");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        List<String> tagList = tags == null ? null : tags.stream().flatMap(t -> List.of(t.split(",")).stream())
                .map(String::strip).filter(t -> !t.isEmpty()).toList();
        StrategyStore.Query q = new StrategyStore.Query(caller.userId(), caller.isAdmin(), category, status, riskLevel,
                search, tagList, sortBy == null ? "created_at" : sortBy, !"asc".equals(sortOrder));
        long total = store.count(q);
        Map<String, String> names = new HashMap<>();
        List<StrategyView> items = store.list(q, (page - 1) * size, size).stream()
                .map(s -> view(caller, s, names)).toList();
        return new StrategyPage(items, new Pagination(page, size, total, (int) ((total + size - 1) / size)));
    }

    public StrategyDetail get(Caller caller, String id) {
        ManagedStrategy s = require(caller, id, "read");
        List<SignalView> recent = store.signals(id, null, 10).stream().map(StrategyManager::signal).toList();
        Map<String, List<String>> shared = new LinkedHashMap<>();
        store.sharedWith(id).forEach((userId, perms) -> shared.put(username(userId, new HashMap<>()),
                perms.stream().sorted().toList()));
        return new StrategyDetail(view(caller, s, new HashMap<>()), performance(s, "all"), recent, shared);
    }

    // ---- create, update, delete ----

    public StrategyView create(Caller caller, StrategyConfigRequest config, boolean autoStart, boolean validateParameters) {
        if (config == null) {
            throw new InvalidRequestException(Map.of("config", "is required"));
        }
        long now = System.currentTimeMillis();
        ManagedStrategy s = validated(caller, null, config, validateParameters, now);
        store.insert(s);
        record(s.id(), "created", caller.username(), Map.of("name", s.name(), "strategy_type", s.strategyType(),
                "parameters", s.parameters()), now);
        if (autoStart) {
            return start(caller, s.id(), null);
        }
        return view(caller, s, new HashMap<>());
    }

    public StrategyView update(Caller caller, String id, StrategyConfigRequest change) {
        ManagedStrategy current = require(caller, id, "write");
        if (change == null) {
            throw new InvalidRequestException(Map.of("config", "is required"));
        }
        if (current.ensemble() != null && (change.strategyType() != null || change.parameters() != null)) {
            throw new InvalidRequestException(Map.of("parameters", "an ensemble has no parameters; change its weights by "
                    + "creating a new ensemble"));
        }
        long now = System.currentTimeMillis();
        StrategyConfigRequest merged = new StrategyConfigRequest(
                or(change.name(), current.name()), change.description() != null ? change.description() : current.description(),
                or(change.category(), current.category()),
                change.strategyType() != null ? change.strategyType()
                        : change.parameters() != null && change.category() != null ? null : current.strategyType(),
                change.parameters() != null ? change.parameters() : current.parameters(),
                or(change.riskLevel(), current.riskLevel()), change.tags() != null ? change.tags() : current.tags(),
                or(change.timeframe(), current.timeframe()), change.symbols() != null ? change.symbols() : current.symbols(),
                or(change.exchange(), current.exchange()),
                change.initialCapital() != null ? change.initialCapital() : current.initialCapital(), null);
        ManagedStrategy updated = current.ensemble() != null ? new ManagedStrategy(current.id(), current.ownerId(),
                merged.name(), merged.description(), "ensemble", current.strategyType(), current.parameters(),
                merged.riskLevel(), merged.tags(), current.timeframe(), current.symbols(), current.exchange(),
                merged.initialCapital(), current.ensemble(), current.status(), current.currentRunId(), current.createdAt(), now)
                : validated(caller, current, merged, true, now);
        store.update(updated);
        Map<String, Object> changes = new TreeMap<>();
        diff(changes, "name", current.name(), updated.name());
        diff(changes, "description", current.description(), updated.description());
        diff(changes, "category", current.category(), updated.category());
        diff(changes, "strategy_type", current.strategyType(), updated.strategyType());
        diff(changes, "parameters", current.parameters(), updated.parameters());
        diff(changes, "risk_level", current.riskLevel(), updated.riskLevel());
        diff(changes, "tags", current.tags(), updated.tags());
        diff(changes, "timeframe", current.timeframe(), updated.timeframe());
        diff(changes, "symbols", current.symbols(), updated.symbols());
        diff(changes, "exchange", current.exchange(), updated.exchange());
        diff(changes, "initial_capital", current.initialCapital(), updated.initialCapital());
        if (!changes.isEmpty()) {
            record(id, "updated", caller.username(), Map.of("changes", changes), now);
        }
        if (change.status() != null) {
            switch (change.status()) {
                case "running" -> {
                    if (!"running".equals(current.status())) {
                        return start(caller, id, null);
                    }
                }
                case "stopped", "inactive" -> {
                    if ("running".equals(current.status())) {
                        return stop(caller, id);
                    }
                }
                default -> throw new InvalidRequestException(Map.of("status", "must be running, stopped or inactive"));
            }
        }
        return view(caller, store.find(id).orElseThrow(), new HashMap<>());
    }

    public void delete(Caller caller, String id) {
        ManagedStrategy s = require(caller, id, "delete");
        if ("running".equals(s.status())) {
            stopRuns(s);
        }
        store.delete(id);
        record(id, "deleted", caller.username(), Map.of("name", s.name()), System.currentTimeMillis());
    }

    /** Grants another user permissions on the strategy (empty list: removes the grant). */
    public Map<String, List<String>> share(Caller caller, String id, String username, List<String> permissions) {
        ManagedStrategy s = require(caller, id, "share");
        Map<String, String> errors = new LinkedHashMap<>();
        UserStore.User target = username == null ? null : users.userByName(username).orElse(null);
        if (target == null) {
            errors.put("username", "no such user");
        }
        if (permissions == null || !PERMISSIONS.containsAll(permissions)) {
            errors.put("permissions", "must be a list of " + String.join(", ", PERMISSIONS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (target.id().equals(s.ownerId())) {
            throw new ConflictException("The owner already has every permission");
        }
        Set<String> perms = new LinkedHashSet<>(permissions);
        if (!perms.isEmpty()) {
            perms.add("read");
        }
        store.grant(id, target.id(), perms);
        record(id, "shared", caller.username(), Map.of("with", username, "permissions",
                perms.stream().sorted().toList()), System.currentTimeMillis());
        Map<String, List<String>> out = new LinkedHashMap<>();
        store.sharedWith(id).forEach((userId, p) -> out.put(username(userId, new HashMap<>()), p.stream().sorted().toList()));
        return out;
    }

    // ---- start, stop ----

    /** Starts a paper run of the strategy (or its ensemble members); {@code mode} may ask for sandbox or live. */
    public StrategyView start(Caller caller, String id, String mode) {
        ManagedStrategy s = require(caller, id, "execute");
        if ("running".equals(s.status())) {
            throw new ConflictException("Strategy " + s.name() + " is already running (run " + s.currentRunId() + ")");
        }
        String runMode = mode == null ? RunMode.PAPER.code() : mode;
        if (RunMode.BACKTEST.code().equals(runMode)) {
            throw new InvalidRequestException(Map.of("mode", "start runs paper, sandbox or live; backtests go to "
                    + "POST /api/strategies/{id}/backtest"));
        }
        if (!caller.mayRun(runMode)) {
            throw new NotPermittedException("Your role may not start " + runMode + " runs");
        }
        long now = System.currentTimeMillis();
        String runId;
        if (s.ensemble() != null) {
            runId = ensembles.start(caller, s, ensemble(s), runMode, this);
        } else {
            RunSpec spec = runs.validator().validate(request(s, runMode, null, null, null, null, null, null), null);
            runId = runs.startRunNow(spec, new RunOrigin(caller.username(), s.id(), observer(s.id()))).runId();
        }
        store.update(s.withStatus("running", runId, now));
        record(id, "started", caller.username(), Map.of("run_id", runId, "mode", runMode), now);
        return view(caller, store.find(id).orElseThrow(), new HashMap<>());
    }

    public StrategyView stop(Caller caller, String id) {
        ManagedStrategy s = require(caller, id, "execute");
        if (!"running".equals(s.status())) {
            throw new ConflictException("Strategy " + s.name() + " is not running (status " + s.status() + ")");
        }
        long now = System.currentTimeMillis();
        stopRuns(s);
        store.update(store.find(id).orElseThrow().withStatus("stopped", s.currentRunId(), now));
        record(id, "stopped", caller.username(), Map.of("run_id", String.valueOf(s.currentRunId())), now);
        return view(caller, store.find(id).orElseThrow(), new HashMap<>());
    }

    private void stopRuns(ManagedStrategy s) {
        if (s.ensemble() != null) {
            ensembles.stop(s.id());
        } else if (s.currentRunId() != null) {
            runs.stopRunNow(s.currentRunId());
        }
    }

    /** Records fills as signals and the end of the run on the strategy. */
    RunOrigin.Observer observer(String strategyId) {
        return new RunOrigin.Observer() {
            @Override
            public void onTrade(String runId, TradeView t) {
                try {
                    StrategyStore.Signal stored = store.signal(new StrategyStore.Signal(0, strategyId, runId,
                            t.timestamp().toEpochMilli(), t.symbol(), t.side(), t.price(), t.size(), t.pnl()));
                    events.signal(signal(stored));
                } catch (RuntimeException e) {
                    LOG.warnf("Could not record a signal of strategy %s: %s", strategyId, e.getMessage());
                }
            }

            @Override
            public void onFinished(RunView run) {
                finished(strategyId, run, null);
            }
        };
    }

    /** The end of a strategy's run: the strategy stops (or errs) and its history says how it went. */
    void finished(String strategyId, RunView run, String reason) {
        try {
            long now = System.currentTimeMillis();
            store.find(strategyId).ifPresent(s -> {
                if ("running".equals(s.status()) && run.runId().equals(s.currentRunId())) {
                    store.update(s.withStatus("failed".equals(run.status()) ? "error" : "stopped", s.currentRunId(), now));
                }
            });
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("run_id", run.runId());
            details.put("mode", run.mode());
            details.put("status", run.status());
            details.put("pnl", run.pnl());
            details.put("fills", run.tradeCount());
            if (run.error() != null) {
                details.put("error", run.error());
            }
            if (reason != null) {
                details.put("reason", reason);
            }
            String event = "backtest".equals(run.mode()) ? "backtest_" + run.status()
                    : "failed".equals(run.status()) ? "run_failed" : "run_finished";
            record(strategyId, event, null, details, now);
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the end of run %s of strategy %s: %s", run.runId(), strategyId, e.getMessage());
        }
    }

    /** The supervisor stopped an ensemble (risk limit or members done). */
    void ensembleEnded(String ensembleId, String sessionId, double pnl, String reason) {
        long now = System.currentTimeMillis();
        store.find(ensembleId).ifPresent(s -> {
            if ("running".equals(s.status()) && sessionId.equals(s.currentRunId())) {
                store.update(s.withStatus("stopped", sessionId, now));
            }
        });
        record(ensembleId, reason.startsWith("every") ? "run_finished" : "risk_stop", null,
                Map.of("run_id", sessionId, "pnl", pnl, "reason", reason), now);
    }

    /** Writes a history entry and tells live clients (the strategy-management API's alerts channel). */
    private void record(String strategyId, String eventType, String user, Map<String, Object> details, long time) {
        store.history(strategyId, eventType, user, details, time);
        events.history(strategyId, eventType, user, details);
    }

    // ---- signals, performance, history ----

    /** The strategy-management API's live performance for a channel: the all-time summary of the strategy's current or last run. */
    public PerformanceSummary livePerformance(Caller caller, String id) {
        return performance(require(caller, id, "read"), "all");
    }

    public List<SignalView> signals(Caller caller, String id, int limit, Instant since) {
        require(caller, id, "read");
        if (limit < 1 || limit > 500) {
            throw new InvalidRequestException(Map.of("limit", "must be between 1 and 500"));
        }
        return store.signals(id, since == null ? null : since.toEpochMilli(), limit).stream()
                .map(StrategyManager::signal).toList();
    }

    public PerformanceSummary performance(Caller caller, String id, String period) {
        ManagedStrategy s = require(caller, id, "read");
        if (!PERIODS.containsKey(period)) {
            throw new InvalidRequestException(Map.of("period", "must be one of " + String.join(", ", PERIODS.keySet())));
        }
        return performance(s, period);
    }

    /**
     * The strategy-management API's performance of the strategy's current or last live run over the period that ends at its last
     * equity point (paper time may run faster than the wall clock). Trades are the run's closing signals.
     */
    private PerformanceSummary performance(ManagedStrategy s, String period) {
        String runId = s.ensemble() != null ? null : s.currentRunId();
        RunView run = runId == null ? null : queries.find(runId).orElse(null);
        if (run == null || "backtest".equals(run.mode())) {
            return new PerformanceSummary(s.id(), period, null, null, null, null, null, null, null, null, null, null, 0,
                    0, 0, null, null);
        }
        List<EquityPointView> curve = queries.results(runId).equityCurve();
        if (curve.isEmpty()) {
            return new PerformanceSummary(s.id(), period, runId, null, null, 0.0, null, null, null, 0.0, null, null, 0,
                    0, 0, run.pnl(), run.value());
        }
        long to = curve.get(curve.size() - 1).timestamp().toEpochMilli();
        long from = PERIODS.get(period) == 0 ? Long.MIN_VALUE : to - PERIODS.get(period);
        List<EquityPointView> window = curve.stream().filter(p -> p.timestamp().toEpochMilli() >= from).toList();
        EquityStats stats = new EquityStats(window.get(0).value());
        for (EquityPointView p : window) {
            stats.record(p.value());
        }
        double[] pnl = store.signals(s.id(), from == Long.MIN_VALUE ? null : from, 100_000).stream()
                .filter(sig -> runId.equals(sig.runId()) && sig.pnl() != null).mapToDouble(StrategyStore.Signal::pnl)
                .toArray();
        long span = window.get(window.size() - 1).timestamp().toEpochMilli() - window.get(0).timestamp().toEpochMilli();
        double years = span / (365.0 * 86_400_000);
        double barsPerYear = window.size() > 1 && span > 0 ? (window.size() - 1) / years : 1;
        PerformanceMetrics m = PerformanceMetrics.compute(stats, pnl, 0, barsPerYear, years, Double.NaN);
        int losing = (int) java.util.Arrays.stream(pnl).filter(v -> v < 0).count();
        return new PerformanceSummary(s.id(), period, runId, window.get(0).timestamp(),
                window.get(window.size() - 1).timestamp(), finite(m.totalReturn()), finite(m.sharpeRatio()),
                finite(m.sortinoRatio()), finite(m.calmarRatio()), finite(m.maxDrawdown()),
                m.totalTrades() == 0 ? null : finite(m.winRate()), finite(m.trades().profitFactor()), m.totalTrades(),
                m.winningTrades(), losing, run.pnl(), run.value());
    }

    public List<HistoryView> history(Caller caller, String id, int limit, String eventType, Instant since) {
        require(caller, id, "read");
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException(Map.of("limit", "must be between 1 and 1000"));
        }
        return store.history(id, eventType, since == null ? null : since.toEpochMilli(), limit).stream()
                .map(h -> new HistoryView(h.id(), h.strategyId(), Instant.ofEpochMilli(h.time()), h.eventType(),
                        h.username(), h.details())).toList();
    }

    // ---- backtest and compare ----

    public record BacktestRequest(String startDate, String endDate, Double initialCapital, Double commission,
                                  Double slippage, List<String> symbols, Boolean includeMonteCarlo, Integer monteCarloRuns,
                                  Boolean walkForward, Integer walkForwardWindow) {
    }

    /** Runs a backtest of the strategy as a stored run, waits for it, and adds Monte Carlo and walk-forward. */
    public BacktestView backtest(Caller caller, String id, BacktestRequest body) {
        ManagedStrategy s = require(caller, id, "read");
        if (s.ensemble() != null) {
            throw new InvalidRequestException(Map.of("strategy_id", "backtest the members of an ensemble one by one"));
        }
        BacktestRequest b = body == null ? new BacktestRequest(null, null, null, null, null, null, null, null, null, null)
                : body;
        Map<String, String> errors = new LinkedHashMap<>();
        int mcRuns = b.monteCarloRuns() == null ? 1000 : b.monteCarloRuns();
        if (mcRuns < 1 || mcRuns > MAX_MONTE_CARLO_RUNS) {
            errors.put("monte_carlo_runs", "must be between 1 and " + MAX_MONTE_CARLO_RUNS);
        }
        int wfWindow = b.walkForwardWindow() == null ? 252 : b.walkForwardWindow();
        if (wfWindow < 20 || wfWindow > 100_000) {
            errors.put("walk_forward_window", "must be between 20 and 100000 bars");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        RunSpec spec = runs.validator().validate(request(s, RunMode.BACKTEST.code(), b.startDate(), b.endDate(),
                b.initialCapital(), b.commission() == null ? 0.0 : b.commission(),
                b.slippage() == null ? 0.0 : b.slippage(), b.symbols()), null);
        RunView started = runs.startRunNow(spec, new RunOrigin(caller.username(), s.id(), new RunOrigin.Observer() {
            @Override
            public void onFinished(RunView run) {
                finished(s.id(), run, null);
            }
        }));
        if (!runs.awaitRunNow(started.runId(), BACKTEST_WAIT_MILLIS)) {
            return new BacktestView(s.id(), started.runId(), "running", null, spec.initialCash(), null, null, null, null);
        }
        ResultsView results = queries.results(started.runId());
        Map<String, Object> monteCarlo = null;
        if (Boolean.TRUE.equals(b.includeMonteCarlo()) && "completed".equals(results.status())) {
            monteCarlo = monteCarlo(queries.storedTrades(started.runId()), spec.initialCash(), mcRuns);
        }
        Map<String, Object> walkForward = null;
        if (Boolean.TRUE.equals(b.walkForward()) && "completed".equals(results.status())) {
            walkForward = walkForward(spec, wfWindow);
        }
        return new BacktestView(s.id(), started.runId(), results.status(), results.error(), spec.initialCash(),
                results.finalValue(), results.performanceMetrics(), monteCarlo, walkForward);
    }

    private static Map<String, Object> monteCarlo(List<TradeRow> fills, double initialCash, int simulations) {
        // Round trips per symbol: an entry fill (no pnl) followed by its exit (with pnl).
        Map<String, TradeRow> entries = new HashMap<>();
        List<Double> returns = new ArrayList<>();
        for (TradeRow t : fills) {
            if (t.pnl() == null) {
                entries.put(t.symbol(), t);
            } else {
                TradeRow entry = entries.remove(t.symbol());
                if (entry != null) {
                    returns.add(t.pnl() / (entry.size() * entry.price() + entry.commission()));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (returns.isEmpty()) {
            out.put("simulations", 0);
            out.put("message", "no closed trades to resample");
            return out;
        }
        long seed = 42;
        MonteCarlo.Result r = MonteCarlo.bootstrap(returns.stream().mapToDouble(Double::doubleValue).toArray(),
                initialCash, simulations, seed);
        out.put("simulations", r.simulations());
        out.put("seed", r.seed());
        out.put("trades_per_simulation", r.tradesPerSimulation());
        out.put("final_value", percentiles(r.finalValue()));
        out.put("max_drawdown", percentiles(r.maxDrawdown()));
        out.put("probability_of_loss", r.probabilityOfLoss());
        return out;
    }

    private static Map<String, Double> percentiles(double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < MonteCarlo.PERCENTILES.length; i++) {
            out.put("p" + (int) MonteCarlo.PERCENTILES[i], values[i]);
        }
        return out;
    }

    /**
     * Rolling walk-forward on the first symbol: each window of {@code window} bars picks the best of a
     * small grid around the strategy's period parameters, then trades the next quarter-window.
     */
    private Map<String, Object> walkForward(RunSpec spec, int window) {
        BarSeries bars = exchanges.find(spec.exchange()).history(spec.symbols().get(0), spec.timeframe(),
                spec.fromMillis(), spec.toMillis(), new RunControl());
        int outOfSample = Math.max(1, window / 4);
        List<Map<String, Object>> candidates = candidates(spec.strategy(), spec.parameters());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", spec.symbols().get(0));
        out.put("window_bars", window);
        out.put("out_of_sample_bars", outOfSample);
        out.put("candidates", candidates.size());
        if (bars.size() < window + outOfSample) {
            out.put("windows", List.of());
            out.put("message", "the range has " + bars.size() + " bars; walk-forward needs at least " + (window + outOfSample));
            return out;
        }
        WalkForward.Result r = WalkForward.run(bars, spec.strategy(), candidates, window, outOfSample, spec.commission(),
                spec.slippage());
        out.put("out_of_sample_return", r.outOfSampleReturn());
        out.put("windows", r.windows().stream().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", w.index());
            m.put("in_sample_start", Instant.ofEpochMilli(w.inSampleStart()).toString());
            m.put("out_of_sample_start", Instant.ofEpochMilli(w.outOfSampleStart()).toString());
            m.put("out_of_sample_end", Instant.ofEpochMilli(w.outOfSampleEnd()).toString());
            m.put("parameters", w.parameters());
            m.put("in_sample_return", w.inSampleReturn());
            m.put("out_of_sample_return", w.outOfSampleReturn());
            return m;
        }).toList());
        return out;
    }

    /** The parameters as given, and each integer "_period" parameter (up to three) at ×0.5 and ×1.5. */
    static List<Map<String, Object>> candidates(StrategyType type, Map<String, Object> resolved) {
        List<Map<String, Object>> grid = new ArrayList<>(List.of(resolved));
        int varied = 0;
        for (ParameterSpec p : type.parameters()) {
            if (!"integer".equals(p.type()) || !p.name().endsWith("_period") || varied == 3) {
                continue;
            }
            varied++;
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> base : grid) {
                int value = ((Number) base.get(p.name())).intValue();
                for (double factor : new double[] {1, 0.5, 1.5}) {
                    Map<String, Object> candidate = new LinkedHashMap<>(base);
                    candidate.put(p.name(), (int) Math.max(p.min(), Math.min(p.max(), Math.round(value * factor))));
                    next.add(candidate);
                }
            }
            grid = next;
        }
        return grid.stream().distinct().filter(c -> type.validate(c).isEmpty()).map(type::resolve).toList();
    }

    public ComparisonView compare(Caller caller, List<String> ids, String period, List<String> metrics) {
        List<String> strategyIds = split(ids);
        List<String> wanted = metrics == null || split(metrics).isEmpty() ? COMPARE_METRICS : split(metrics);
        Map<String, String> errors = new LinkedHashMap<>();
        if (strategyIds.size() < 2 || strategyIds.size() > 10 || new LinkedHashSet<>(strategyIds).size() != strategyIds.size()) {
            errors.put("strategy_ids", "give 2 to 10 different strategy ids");
        }
        String p = period == null ? "30d" : period;
        if (!PERIODS.containsKey(p)) {
            errors.put("period", "must be one of " + String.join(", ", PERIODS.keySet()));
        }
        if (!COMPARE_METRICS.containsAll(wanted)) {
            errors.put("metrics", "must be among " + String.join(", ", COMPARE_METRICS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : strategyIds) {
            ManagedStrategy s = require(caller, id, "read");
            PerformanceSummary perf = performance(s, p);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("strategy_id", id);
            row.put("name", s.name());
            row.put("run_id", perf.runId());
            Map<String, Object> all = json.convertValue(perf, json.getTypeFactory().constructMapType(Map.class,
                    String.class, Object.class));
            for (String metric : wanted) {
                row.put(metric, all.get(metric));
            }
            rows.add(row);
        }
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (String metric : wanted) {
            boolean lowerIsBetter = metric.equals("max_drawdown");
            rankings.put(metric, rows.stream().filter(r -> r.get(metric) instanceof Number)
                    .sorted(Comparator.comparingDouble(r -> (lowerIsBetter ? 1 : -1) * ((Number) r.get(metric)).doubleValue()))
                    .map(r -> (String) r.get("strategy_id")).toList());
        }
        return new ComparisonView(p, wanted, rows, rankings);
    }

    // ---- templates, ensembles, categories, overview ----

    public List<TemplateView> templates(String category, String riskLevel) {
        List<TemplateView> out = new ArrayList<>();
        for (StrategyType type : catalog.all()) {
            String[] profile = profile(type);
            if ((category != null && !category.equals(profile[0])) || (riskLevel != null && !riskLevel.equals(profile[1]))) {
                continue;
            }
            Map<String, Object> defaults = new LinkedHashMap<>();
            List<Map<String, Object>> schema = new ArrayList<>();
            for (ParameterSpec p : type.parameters()) {
                defaults.put(p.name(), p.defaultValue());
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("name", p.name());
                field.put("type", p.type());
                field.put("default", p.defaultValue());
                field.put("min", p.min());
                field.put("max", p.max());
                field.put("description", p.description());
                schema.add(field);
            }
            out.add(new TemplateView(type.name().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT),
                    type.name(), type.description(), profile[0], type.name(), profile[1], defaults,
                    List.of(profile[0], type.builtIn() ? "built-in" : "rule"), "1h", schema));
        }
        return out;
    }

    public record EnsembleRequest(String name, String description, Map<String, Double> strategyWeights,
                                  String rebalanceFrequency, Map<String, Double> riskManagement, Double initialCapital,
                                  List<String> tags) {
    }

    public StrategyView createEnsemble(Caller caller, EnsembleRequest r) {
        if (r == null) {
            throw new InvalidRequestException(Map.of("body", "is required"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.put("name", "is required (1-200 characters)");
        }
        Map<String, Double> weights = r.strategyWeights() == null ? Map.of() : r.strategyWeights();
        if (weights.size() < 2 || weights.size() > 10) {
            errors.put("strategy_weights", "give 2 to 10 strategies");
        } else {
            double sum = 0;
            for (Map.Entry<String, Double> w : weights.entrySet()) {
                if (w.getValue() == null || !(w.getValue() > 0) || w.getValue() > 1) {
                    errors.put("strategy_weights." + w.getKey(), "must be a weight in (0, 1]");
                } else {
                    sum += w.getValue();
                }
                ManagedStrategy member = store.find(w.getKey()).orElse(null);
                if (member == null || permissions(caller, member).isEmpty()) {
                    errors.put("strategy_weights." + w.getKey(), "no such strategy");
                } else if (member.ensemble() != null) {
                    errors.put("strategy_weights." + w.getKey(), "an ensemble cannot contain another ensemble");
                }
            }
            if (Math.abs(sum - 1) > 1e-6 && errors.keySet().stream().noneMatch(k -> k.startsWith("strategy_weights."))) {
                errors.put("strategy_weights", "weights must sum to 1 (they sum to " + sum + ")");
            }
        }
        String rebalance = r.rebalanceFrequency() == null ? "daily" : r.rebalanceFrequency();
        if (!EnsembleSupervisor.REBALANCE.containsKey(rebalance)) {
            errors.put("rebalance_frequency", "must be one of " + String.join(", ", EnsembleSupervisor.REBALANCE.keySet()));
        }
        Map<String, Double> risk = r.riskManagement() == null ? Map.of() : r.riskManagement();
        for (Map.Entry<String, Double> e : risk.entrySet()) {
            if (!Set.of("max_drawdown", "stop_loss").contains(e.getKey())) {
                errors.put("risk_management." + e.getKey(), "unknown; use max_drawdown and stop_loss");
            } else if (e.getValue() == null || !(e.getValue() > 0) || e.getValue() >= 1) {
                errors.put("risk_management." + e.getKey(), "must be a fraction in (0, 1)");
            }
        }
        double capital = r.initialCapital() == null ? 10_000 : r.initialCapital();
        if (!(capital > 0) || capital > 1e12) {
            errors.put("initial_capital", "must be positive");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        long now = System.currentTimeMillis();
        EnsembleView spec = new EnsembleView(new LinkedHashMap<>(weights), rebalance, new LinkedHashMap<>(risk));
        List<String> symbols = weights.keySet().stream().flatMap(id -> store.find(id).orElseThrow().symbols().stream())
                .distinct().toList();
        ManagedStrategy s = new ManagedStrategy(UUID.randomUUID().toString(), caller.userId(), r.name().strip(),
                r.description(), "ensemble", "Ensemble", Map.of(), "medium", r.tags() == null ? List.of("ensemble") : r.tags(),
                store.find(weights.keySet().iterator().next()).orElseThrow().timeframe(), symbols,
                "simulated", capital, write(spec), "inactive", null, now, now);
        store.insert(s);
        record(s.id(), "created", caller.username(), Map.of("name", s.name(), "strategy_weights", weights,
                "rebalance_frequency", rebalance, "risk_management", risk), now);
        return view(caller, s, new HashMap<>());
    }

    public List<CategoryView> categories(Caller caller) {
        Map<String, long[]> usage = store.categoryUsage(caller.userId(), caller.isAdmin());
        List<CategoryView> out = new ArrayList<>();
        for (String category : CATEGORIES) {
            long[] u = usage.getOrDefault(category, new long[2]);
            List<String> types = catalog.all().stream().filter(t -> profile(t)[0].equals(category))
                    .map(StrategyType::name).toList();
            out.add(new CategoryView(category, CATEGORY_DESCRIPTIONS.get(category), u[0], u[1], types));
        }
        return out;
    }

    /** Counts for {@code GET /api/system/overview}: strategies by status visible to the caller. */
    public Map<String, Long> statusCounts(Caller caller) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String status : List.of("inactive", "running", "stopped", "error")) {
            out.put(status, store.count(new StrategyStore.Query(caller.userId(), caller.isAdmin(), null, status, null,
                    null, null, null, false)));
        }
        return out;
    }

    // ---- helpers ----

    /** Whether the caller may read the strategy (live channels check before streaming it). */
    public boolean readable(Caller caller, String id) {
        return store.find(id).map(s -> permissions(caller, s).contains("read")).orElse(false);
    }

    /** The strategy if the caller may do {@code permission} on it; 404 when they cannot even read it. */
    ManagedStrategy require(Caller caller, String id, String permission) {
        ManagedStrategy s = store.find(id).orElseThrow(() -> new NotFoundException("No strategy with id " + id));
        Set<String> perms = permissions(caller, s);
        if (perms.isEmpty()) {
            throw new NotFoundException("No strategy with id " + id);
        }
        if (!perms.contains(permission)) {
            throw new NotPermittedException("You may not " + permission + " strategy "
                    + s.name() + (perms.contains("read") ? " (you may: " + String.join(", ", perms) + ")" : ""));
        }
        return s;
    }

    /**
     * Owner and admin hold every permission; others what was shared with them. A role caps them all:
     * write, delete and share need the write capability, execute the execute capability.
     */
    Set<String> permissions(Caller caller, ManagedStrategy s) {
        Set<String> granted = caller.isAdmin() || s.ownerId().equals(caller.userId()) ? Set.copyOf(PERMISSIONS)
                : store.grants(s.id(), caller.userId());
        Set<String> out = new LinkedHashSet<>();
        for (String p : PERMISSIONS) {
            if (!granted.contains(p)) {
                continue;
            }
            String capability = switch (p) {
                case "read" -> Role.Capability.READ;
                case "execute" -> Role.Capability.EXECUTE;
                default -> Role.Capability.WRITE;
            };
            if (caller.can(capability)) {
                out.add(p);
            }
        }
        return out;
    }

    private ManagedStrategy validated(Caller caller, ManagedStrategy current, StrategyConfigRequest c,
                                      boolean validateParameters, long now) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (c.name() == null || c.name().isBlank() || c.name().length() > 200) {
            errors.put("name", "is required (1-200 characters)");
        }
        String category = c.category() == null ? null : c.category().toLowerCase(Locale.ROOT);
        if (category == null || !CATEGORIES.contains(category) || "ensemble".equals(category)) {
            errors.put("category", "must be one of " + String.join(", ", CATEGORIES.subList(0, CATEGORIES.size() - 1))
                    + " (ensembles: POST /api/strategies/ensemble)");
        }
        String risk = c.riskLevel() == null ? "medium" : c.riskLevel().toLowerCase(Locale.ROOT);
        if (!RISK_LEVELS.contains(risk)) {
            errors.put("risk_level", "must be low, medium or high");
        }
        List<String> tags = c.tags() == null ? List.of() : c.tags();
        if (tags.size() > 20 || tags.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 50)) {
            errors.put("tags", "at most 20 tags of 1-50 characters");
        }
        Map<String, Object> parameters = c.parameters() == null ? Map.of() : c.parameters();
        StrategyType type = null;
        if (c.strategyType() != null) {
            type = catalog.find(c.strategyType());
            if (type == null) {
                errors.put("strategy_type", "unknown strategy type '" + c.strategyType() + "'; see GET /api/v1/strategies");
            }
        } else if (category != null && errors.get("category") == null) {
            type = catalog.all().stream().filter(t -> profile(t)[0].equals(category))
                    .filter(t -> t.parameters().stream().map(ParameterSpec::name).toList().containsAll(parameters.keySet()))
                    .findFirst().orElse(null);
            if (type == null) {
                errors.put("strategy_type", "no " + category + " strategy type takes parameters " + parameters.keySet()
                        + "; name one with strategy_type");
            }
        }
        double capital = c.initialCapital() == null ? 10_000 : c.initialCapital();
        // The strategy-management API's own example lists stock tickers: they are kept as written, and only symbols written
        // BASE/QUOTE (docs/API-CONTRACT.md) can be started or backtested, which then says so.
        List<String> symbols = c.symbols() == null || c.symbols().isEmpty() ? List.of("BTC/USDT") : c.symbols();
        boolean tradable = symbols.stream().allMatch(x -> x != null && TRADABLE.matcher(x.toUpperCase(Locale.ROOT)).matches());
        if (!tradable && (symbols.size() > 20 || symbols.stream().anyMatch(x -> x == null || !TICKER.matcher(x).matches()))) {
            errors.put("symbols", "at most 20 symbols, written BASE/QUOTE (e.g. BTC/USDT) or as tickers");
        }
        if (type != null && errors.isEmpty()) {
            // The run validator checks symbols, timeframe, exchange, cash and (when asked) the parameters, as a run would.
            StrategyConfigRequest probe = c;
            RunRequest request = new RunRequest(type.name(), validateParameters ? parameters : Map.of(),
                    tradable ? symbols : List.of("BTC/USDT"), probe.timeframe() == null ? "1h"
                    : probe.timeframe(), null, null, capital, probe.exchange(), null, "backtest", null, null, null, null,
                    null, null);
            try {
                RunSpec spec = runs.validator().validate(request, null);
                String exchange = spec.exchange();
                List<String> kept = tradable ? spec.symbols() : List.copyOf(symbols);
                Map<String, Object> resolved = validateParameters ? spec.parameters() : parameters;
                return new ManagedStrategy(current == null ? UUID.randomUUID().toString() : current.id(),
                        current == null ? caller.userId() : current.ownerId(), c.name().strip(), c.description(), category,
                        type.name(), resolved, risk, List.copyOf(tags), spec.timeframe().code(), kept, exchange, capital,
                        null, current == null ? "inactive" : current.status(),
                        current == null ? null : current.currentRunId(), current == null ? now : current.createdAt(), now);
            } catch (InvalidRequestException e) {
                e.details().forEach((k, v) -> errors.put(rename(k), String.valueOf(v)));
            }
        }
        throw new InvalidRequestException(errors);
    }

    private static String rename(String runField) {
        if (runField.startsWith("strategy_params.")) {
            return "parameters." + runField.substring("strategy_params.".length());
        }
        return switch (runField) {
            case "strategy_name" -> "strategy_type";
            case "initial_cash" -> "initial_capital";
            default -> runField;
        };
    }

    private RunRequest request(ManagedStrategy s, String mode, String start, String end, Double capital, Double commission,
                               Double slippage, List<String> symbols) {
        return new RunRequest(s.strategyType(), s.parameters(), symbols == null ? s.symbols() : symbols, s.timeframe(),
                start, end, capital == null ? s.initialCapital() : capital, s.exchange(), null, mode, commission, slippage,
                null, null, null, null);
    }

    RunRequest memberRequest(ManagedStrategy member, String mode, double capital) {
        return request(member, mode, null, null, capital, null, null, null);
    }

    StrategyView view(Caller caller, ManagedStrategy s, Map<String, String> usernames) {
        Double pnl = null;
        int positions = 0;
        if (s.ensemble() != null) {
            EnsembleSupervisor.Figures f = ensembles.figures(s.id());
            if (f != null) {
                pnl = f.value() - s.initialCapital();
                positions = f.positions();
            }
        } else if (s.currentRunId() != null) {
            RunView run = queries.find(s.currentRunId()).orElse(null);
            if (run != null) {
                pnl = run.pnl();
                positions = queries.openPositions(s.currentRunId());
            }
        }
        return new StrategyView(s.id(), s.name(), s.description(), s.category(), s.strategyType(), s.parameters(),
                s.riskLevel(), s.tags(), s.timeframe(), s.symbols(), s.exchange(), s.initialCapital(), s.status(), pnl,
                positions, s.currentRunId(), username(s.ownerId(), usernames), List.copyOf(permissions(caller, s)),
                s.ensemble() == null ? null : ensemble(s), Instant.ofEpochMilli(s.createdAt()),
                Instant.ofEpochMilli(s.updatedAt()));
    }

    EnsembleView ensemble(ManagedStrategy s) {
        try {
            return json.readValue(s.ensemble(), EnsembleView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored ensemble is unreadable", e);
        }
    }

    Set<String> memberIds(ManagedStrategy s) {
        return ensemble(s).strategyWeights().keySet();
    }

    StrategyStore store() {
        return store;
    }

    private String username(String userId, Map<String, String> cache) {
        return cache.computeIfAbsent(userId, id -> users.userById(id).map(UserStore.User::username).orElse(null));
    }

    private static String[] profile(StrategyType type) {
        return TYPE_PROFILE.getOrDefault(type.name(), new String[] {"custom", "medium"});
    }

    static SignalView signal(StrategyStore.Signal s) {
        return new SignalView(s.id(), s.strategyId(), s.runId(), Instant.ofEpochMilli(s.time()), s.symbol(), s.side(),
                s.price(), s.size(), s.pnl());
    }

    private static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> List.of(v.split(",")).stream()).map(String::strip).filter(v -> !v.isEmpty())
                .toList();
    }

    private static void diff(Map<String, Object> changes, String field, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", before);
            change.put("to", after);
            changes.put(field, change);
        }
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> periods() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("1d", Duration.ofDays(1).toMillis());
        p.put("7d", Duration.ofDays(7).toMillis());
        p.put("30d", Duration.ofDays(30).toMillis());
        p.put("90d", Duration.ofDays(90).toMillis());
        p.put("1y", Duration.ofDays(365).toMillis());
        p.put("all", 0L);
        return p;
    }
}
