package io.cracktrader.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.engine.Backtest;
import io.cracktrader.engine.TradingLoop;
import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.broker.Sizing;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.metrics.EquityCurve;
import io.cracktrader.error.ConflictException;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.error.RunnerBusyException;
import io.cracktrader.error.ServiceException;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.exchange.xchange.ExchangeCredentials;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.simulated.SimulatedMarketData;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import io.cracktrader.service.view.DataSourceView;
import io.cracktrader.service.view.DetailedStatusView;
import io.cracktrader.service.view.EquityPointView;
import io.cracktrader.service.view.PageView;
import io.cracktrader.service.view.PerformanceView;
import io.cracktrader.service.view.PositionView;
import io.cracktrader.service.view.ResultsView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.cracktrader.store.DatasetStore;
import io.cracktrader.store.RunFilter;
import io.cracktrader.store.RunStore;
import io.cracktrader.store.StoredRun;
import io.cracktrader.store.TradeRow;
import io.cracktrader.trading.CredentialStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Starts, tracks, stops and reports runs. Each run executes on a bounded pool of run workers, never
 * on the event loop; the runs waiting for a worker show as {@code starting}. Active runs are read
 * from memory, finished ones from the {@link RunStore}, where every run is recorded when it is
 * created and again when it finishes.
 *
 * <p>The runner API of 01/02 is a view over one "current" run: while it is active, starting
 * another through the runner answers 409 {@code RUNNER_BUSY}.
 */
@ApplicationScoped
public class RunOrchestrator {
    private static final Logger LOG = Logger.getLogger(RunOrchestrator.class);
    private static final long STOP_WAIT_MILLIS = 2_000;
    /** Live status goes out every {@code STATUS_SLOTS} × 50 ms = 500 ms per run. */
    private static final int STATUS_SLOTS = 10;
    private final AtomicInteger nextStatusSlot = new AtomicInteger();

    private final CracktraderConfig config;
    private final RunStore store;
    private final RunValidator validator;
    private final ExchangeRegistry exchanges;
    private final RunMetrics metrics;
    private final ObjectMapper json;
    private final DatasetStore datasets;
    private final RunEvents events;
    private final ExecutorService workers;
    private final ScheduledExecutorService ticker;
    private final Map<String, ActiveRun> active = new ConcurrentHashMap<>();
    private final Object runnerLock = new Object();
    private volatile String runnerRunId;

    public RunOrchestrator(CracktraderConfig config, RunStore store, RunValidator validator, ExchangeRegistry exchanges,
                           RunMetrics metrics, ObjectMapper json, DatasetStore datasets, RunEvents events,
                           CredentialStore credentials) {
        this.credentials = credentials;
        this.config = config;
        this.store = store;
        this.validator = validator;
        this.exchanges = exchanges;
        this.metrics = metrics;
        this.json = json;
        this.datasets = datasets;
        this.events = events;
        int threads = config.runs().maxConcurrent() > 0 ? config.runs().maxConcurrent()
                : Runtime.getRuntime().availableProcessors();
        this.workers = Executors.newFixedThreadPool(threads, namedThreads());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-status-ticker");
            t.setDaemon(true);
            return t;
        });
        // Running runs report their figures twice a second to live clients, each in its own 50 ms slot
        // of the half second, so that many runs do not send every client an update at the same instant.
        ticker.scheduleAtFixedRate(this::publishRunning, 50, 50, TimeUnit.MILLISECONDS);
        metrics.watch(active);
    }

    private final CredentialStore credentials;
    private long statusTick;

    private void publishRunning() {
        long slot = statusTick++ % STATUS_SLOTS;
        try {
            for (ActiveRun run : active.values()) {
                if (run.status == RunStatus.RUNNING && run.statusSlot == slot) {
                    events.status(view(run), run.id.equals(runnerRunId), run.origin.owner());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not publish live status: %s", e.getMessage());
        }
    }

    /** Runs a previous process left unfinished cannot be resumed: say so instead of showing them running. */
    void recover(@Observes @Priority(20) StartupEvent event) {
        int interrupted = store.failInterrupted("Interrupted: the service stopped while this run was active",
                System.currentTimeMillis());
        if (interrupted > 0) {
            LOG.warnf("Marked %d run(s) interrupted by the last shutdown as failed", interrupted);
        }
    }

    void shutdown(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
        active.values().forEach(r -> r.control.requestStop());
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- runner API (01/02): one current run ----

    public Uni<RunView> startRunnerRun(RunRequest request, RunMode impliedMode, String owner) {
        return blocking(() -> {
            RunSpec spec = validator.validate(request, impliedMode);
            rememberCredentials(request, spec, owner);
            synchronized (runnerLock) {
                ActiveRun current = runnerRunId == null ? null : active.get(runnerRunId);
                if (current != null && current.status.active()) {
                    throw new RunnerBusyException(current.status.code());
                }
                ActiveRun run = launch(spec, RunOrigin.of(owner));
                runnerRunId = run.id;
                RunView view = view(run);
                events.status(view, true, run.origin.owner());
                return view;
            }
        });
    }

    /** Status of the current run, or {@code idle}. */
    public Uni<RunView> runnerStatus() {
        return blocking(() -> {
            String id = runnerRunId;
            return id == null ? RunView.idle() : findView(id).orElse(RunView.idle());
        });
    }

    public Uni<DetailedStatusView> runnerDetailedStatus() {
        return blocking(() -> {
            String id = runnerRunId;
            if (id == null) {
                return new DetailedStatusView(RunView.idle(), List.of(), List.of(), null);
            }
            ActiveRun run = active.get(id);
            if (run != null) {
                return new DetailedStatusView(view(run), run.recentTrades(), run.liveEquity(), null);
            }
            ResultsView results = results(id, config.runs().maxResultEquityPoints());
            List<TradeView> trades = results.trades();
            return new DetailedStatusView(findView(id).orElse(RunView.idle()),
                    trades.subList(Math.max(0, trades.size() - 50), trades.size()), results.equityCurve(),
                    results.performanceMetrics());
        });
    }

    public Uni<ResultsView> runnerResults() {
        return blocking(() -> {
            String id = runnerRunId;
            if (id == null) {
                throw new NotFoundException("No results: the runner has not run anything since its last reset");
            }
            return results(id, config.runs().maxResultEquityPoints());
        });
    }

    /** Stops the current run; waits briefly so the answer can say it has stopped. */
    public Uni<RunView> stopRunnerRun(Predicate<String> mayControlMode) {
        return blocking(() -> {
            String id = runnerRunId;
            ActiveRun run = id == null ? null : active.get(id);
            if (run == null || !run.status.active()) {
                throw new ConflictException("No active run to stop");
            }
            requireControl(run, mayControlMode);
            stopAndWait(run);
            return findView(id).orElseThrow();
        });
    }

    /** Stops the current run if there is one, and returns the runner to idle. */
    public Uni<RunView> resetRunner(Predicate<String> mayControlMode) {
        return blocking(() -> {
            synchronized (runnerLock) {
                String id = runnerRunId;
                ActiveRun run = id == null ? null : active.get(id);
                if (run != null) {
                    requireControl(run, mayControlMode);
                    stopAndWait(run);
                }
                runnerRunId = null;
                return RunView.idle();
            }
        });
    }

    // ---- runs resource: many runs at once ----

    public Uni<RunView> startRun(RunRequest request, String owner) {
        return blocking(() -> {
            RunSpec spec = validator.validate(request, null);
            rememberCredentials(request, spec, owner);
            return startRunNow(spec, RunOrigin.of(owner));
        });
    }

    /**
     * A request's {@code exchange_config} (01/02) is stored, encrypted, as the owner's credentials for
     * the run's exchange, so the orders API and later runs use the same keys. It is never kept with the run.
     */
    private void rememberCredentials(RunRequest request, RunSpec spec, String owner) {
        if (request.exchangeConfig() == null || request.exchangeConfig().isEmpty() || owner == null
                || SimulatedMarketData.NAME.equals(spec.exchange()) || RunSpec.DATASET.equals(spec.exchange())) {
            return;
        }
        credentials.save(owner, spec.exchange(), ExchangeCredentials.parse(request.exchangeConfig()));
    }

    /** Validates and starts a run for a configured strategy; blocking, for services already off the event loop. */
    public RunView startRunNow(RunSpec spec, RunOrigin origin) {
        RunView view = view(launch(spec, origin));
        events.status(view, false, origin.owner());
        return view;
    }

    /** Asks an active run to stop and waits briefly for it; false when it is not active. Blocking. */
    public boolean stopRunNow(String id) {
        ActiveRun run = active.get(id);
        if (run == null) {
            return false;
        }
        stopAndWait(run);
        return true;
    }

    /** The run as now (live figures while active), blocking. */
    public Optional<RunView> findRunNow(String id) {
        return findView(id);
    }

    /** Full results of a finished or active run, blocking. */
    public ResultsView resultsNow(String id) {
        return results(id, config.runs().maxResultEquityPoints());
    }

    /** The stored equity curve of a finished run, blocking. */
    public EquityCurve equityNow(String id) {
        return store.equity(id);
    }

    /** Waits up to {@code millis} for a run to finish; true when it is no longer active. Blocking. */
    public boolean awaitRunNow(String id, long millis) {
        ActiveRun run = active.get(id);
        try {
            return run == null || run.awaitFinished(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Symbols with an open position: live for an active run, else from the stored final positions. Blocking. */
    public int openPositionsNow(String id) {
        ActiveRun run = active.get(id);
        if (run != null) {
            return run.openPositions;
        }
        return store.find(id).map(s -> s.positions() == null ? 0 : readJson(s.positions(), PositionView[].class).length)
                .orElse(0);
    }

    /** Every fill of a finished run, in execution order; blocking. */
    public List<TradeRow> tradesNow(String id) {
        return store.trades(id, 0, Integer.MAX_VALUE);
    }

    public RunValidator validator() {
        return validator;
    }

    public Uni<RunView> run(String id) {
        return blocking(() -> findView(id).orElse(null));
    }

    public Uni<PageView<RunView>> listRuns(String status, String mode, String strategy, int page, int size) {
        RunFilter filter = new RunFilter(status, mode, strategy);
        return blocking(() -> {
            long total = store.count(filter);
            List<RunView> items = store.list(filter, (page - 1) * size, size).stream()
                    .map(stored -> {
                        ActiveRun live = active.get(stored.id());
                        return live != null ? view(live) : view(stored);
                    }).toList();
            return PageView.of(items, page, size, total);
        });
    }

    public Uni<ResultsView> runResults(String id) {
        return blocking(() -> findView(id).isPresent() ? results(id, config.runs().maxResultEquityPoints()) : null);
    }

    public Uni<PageView<TradeView>> runTrades(String id, int page, int size) {
        return blocking(() -> {
            if (findView(id).isEmpty()) {
                return null;
            }
            long total = store.tradeCount(id);
            List<TradeView> items = store.trades(id, (page - 1) * size, size).stream().map(t -> trade(id, t)).toList();
            return PageView.of(items, page, size, total);
        });
    }

    public Uni<List<EquityPointView>> runEquity(String id, Integer points) {
        return blocking(() -> {
            Optional<StoredRun> stored = store.find(id);
            if (stored.isEmpty()) {
                return null;
            }
            return equityPoints(store.equity(id), stored.get().initialCash(), points == null ? Integer.MAX_VALUE : points);
        });
    }

    /** Stops an active run of the runs resource and keeps it, with what it produced, as {@code stopped}. */
    public Uni<RunView> stopRun(String id, Predicate<String> mayControlMode) {
        return blocking(() -> {
            ActiveRun run = active.get(id);
            if (run == null) {
                RunView view = findView(id).orElse(null);
                if (view == null) {
                    return null;
                }
                throw new ConflictException("Run " + id + " is not active; its status is " + view.status());
            }
            requireControl(run, mayControlMode);
            stopAndWait(run);
            return findView(id).orElseThrow();
        });
    }

    /** What a chart of a run needs: the run, its dataset (null for exchange data) and its first and last bar time. */
    public record BarSpan(RunView run, String dataset, long firstBar, long lastBar) {
    }

    /** The span of bars a run has been through so far; empty when there is no such run or it has no bar yet. Blocking. */
    public Optional<BarSpan> barSpanNow(String id) {
        ActiveRun live = active.get(id);
        StoredRun stored = live != null ? stored(live, null, null) : store.find(id).orElse(null);
        if (stored == null) {
            return Optional.empty();
        }
        long first;
        long last;
        if (live != null) {
            List<EquityPointView> curve = live.liveEquity();
            if (curve.isEmpty()) {
                return Optional.empty();
            }
            first = curve.get(0).timestamp().toEpochMilli();
            last = curve.get(curve.size() - 1).timestamp().toEpochMilli();
        } else {
            EquityCurve curve = store.equity(id);
            if (curve.size() == 0) {
                return Optional.empty();
            }
            first = curve.time(0);
            last = curve.time(curve.size() - 1);
        }
        return Optional.of(new BarSpan(view(stored), parseRequest(stored.request()).dataset(), first, last));
    }

    /** Cancels the run if it is active, then deletes it and everything it produced. */
    public Uni<Boolean> deleteRun(String id, Predicate<String> mayControlMode) {
        return blocking(() -> {
            store.find(id).ifPresent(stored -> {
                if (!mayControlMode.test(stored.mode())) {
                    throw new NotPermittedException("Your role may not delete " + stored.mode() + " runs");
                }
            });
            ActiveRun run = active.get(id);
            if (run != null) {
                stopAndWait(run);
            }
            synchronized (runnerLock) {
                if (id.equals(runnerRunId)) {
                    runnerRunId = null;
                }
            }
            return store.delete(id) ? Boolean.TRUE : null;
        });
    }

    /** How many runs are executing or waiting, for health reporting. */
    public int activeRuns() {
        return (int) active.values().stream().filter(r -> r.status.active()).count();
    }

    // ---- execution ----

    private ActiveRun launch(RunSpec spec, RunOrigin origin) {
        if (spec.mode() == RunMode.LIVE && !config.live().enabled()) {
            throw new NotPermittedException("Live trading is disabled; an operator enables it with cracktrader.live.enabled");
        }
        if (spec.mode() != RunMode.BACKTEST && spec.dataset() != null) {
            throw new InvalidRequestException(Map.of("dataset", "datasets are history: backtest them; paper runs follow a live market"));
        }
        if (spec.mode() == RunMode.SANDBOX || spec.mode() == RunMode.LIVE) {
            // Strategies place orders through the engine's simulated broker; routing them to an exchange's
            // TradeService is not built yet. Orders on a testnet or account go through /api/trading/order.
            throw new InvalidRequestException(Map.of("mode", spec.mode().code() + " runs are not available in this version: "
                    + "use mode paper (live prices, simulated fills), or place orders on " + spec.exchange()
                    + (spec.mode() == RunMode.SANDBOX ? "'s testnet" : "") + " through POST /api/trading/order"));
        }
        ActiveRun run = new ActiveRun(UUID.randomUUID().toString(), spec, requestJson(spec), System.currentTimeMillis(),
                origin);
        run.statusSlot = Math.floorMod(nextStatusSlot.getAndIncrement(), STATUS_SLOTS);
        store.insert(stored(run, null, null));
        active.put(run.id, run);
        metrics.started(spec);
        run.task = workers.submit(() -> execute(run));
        LOG.infof("Run %s queued: %s %s on %s %s (%s)", run.id, spec.mode().code(), spec.strategy().name(),
                spec.exchange(), spec.symbols(), spec.timeframe().code());
        return run;
    }

    private void execute(ActiveRun run) {
        long wallStart = System.currentTimeMillis();
        RunStatus outcome = RunStatus.FAILED;
        try {
            if (run.control.stopRequested()) {
                outcome = RunStatus.STOPPED;
                finish(run, RunStatus.STOPPED, null, null);
                return;
            }
            run.startedAt = wallStart;
            run.status = RunStatus.RUNNING;
            store.update(stored(run, null, null));
            events.status(view(run), run.id.equals(runnerRunId), run.origin.owner());
            RunOutcome result = run.spec.mode() == RunMode.BACKTEST ? backtest(run) : paper(run);
            outcome = run.control.stopRequested() ? RunStatus.STOPPED : RunStatus.COMPLETED;
            finish(run, outcome, null, result);
        } catch (ServiceException e) {
            LOG.warnf("Run %s failed: %s", run.id, e.getMessage());
            finish(run, RunStatus.FAILED, e.getMessage(), null);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Run %s failed unexpectedly", run.id);
            finish(run, RunStatus.FAILED, "Internal error while running; the service log has details (run " + run.id + ")",
                    null);
        } finally {
            metrics.finished(run.spec, outcome, run.control.barsProcessed(),
                    Duration.ofMillis(System.currentTimeMillis() - wallStart));
        }
    }

    private RunOutcome backtest(ActiveRun run) {
        RunSpec spec = run.spec;
        List<BarSeries> data = new ArrayList<>();
        long total = 0;
        for (String symbol : spec.symbols()) {
            BarSeries bars = spec.dataset() != null ? datasetBars(spec)
                    : exchanges.find(spec.exchange()).history(symbol, spec.timeframe(), spec.fromMillis(),
                            spec.toMillis(), run.control);
            if (bars.size() == 0 && !run.control.stopRequested()) {
                throw new InvalidRequestException(Map.of("start_date", spec.exchange() + " has no " + spec.timeframe().code()
                        + " bars of " + symbol + " between " + Instant.ofEpochMilli(spec.fromMillis()) + " and "
                        + Instant.ofEpochMilli(spec.toMillis())));
            }
            data.add(bars);
            total += bars.size();
        }
        run.control.expectBars(total);

        double sleeveCash = spec.initialCash() / spec.symbols().size();
        TradingLoop[] loops = new TradingLoop[data.size()];
        for (int k = 0; k < data.size() && !run.control.stopRequested(); k++) {
            BarSeries bars = data.get(k);
            loops[k] = Backtest.run(new TradingLoop(bars, spec.strategy().create(spec.parameters()), sleeveCash,
                    spec.costs(), spec.sizing(), spec.allowShort(), new EquityCurve(bars.size()),
                    fillListener(run, bars.symbol())), run.control);
        }
        return RunOutcome.of(loops, sleeveCash, spec.initialCash(), spec.timeframe().barsPerYear());
    }

    /** The dataset's bars in the run's range: the shared series itself when the run covers all of it. */
    private BarSeries datasetBars(RunSpec spec) {
        BarSeries all = datasets.load(spec.dataset()).orElseThrow(() -> new InvalidRequestException(Map.of("dataset",
                "dataset '" + spec.dataset() + "' was deleted before the run started")));
        int first = 0;
        while (first < all.size() && all.time(first) < spec.fromMillis()) {
            first++;
        }
        int end = first;
        while (end < all.size() && all.time(end) < spec.toMillis()) {
            end++;
        }
        if (first == 0 && end == all.size()) {
            return all;
        }
        BarSeries part = new BarSeries(all.symbol(), all.timeframe(), end - first);
        for (int i = first; i < end; i++) {
            part.append(all.time(i), all.open(i), all.high(i), all.low(i), all.close(i), all.volume(i));
        }
        return part;
    }

    /** Paper trading: live market data, fills simulated with the backtest fill model, until stopped. */
    private RunOutcome paper(ActiveRun run) {
        MarketDataSource source = exchanges.find(run.spec.exchange());
        return source.simulated() ? paperSimulated(run) : paperOnExchange(run, source);
    }

    /**
     * Paper trading on a real exchange's market: warm up on its recent closed candles, then poll for
     * each newly closed candle (through the candle cache) and trade it with the backtest fill model.
     * An exchange that stops answering holds the run where it is; it goes on when the exchange is back.
     */
    private RunOutcome paperOnExchange(ActiveRun run, MarketDataSource source) {
        RunSpec spec = run.spec;
        long step = spec.timeframe().millis();
        long start = Math.floorDiv(System.currentTimeMillis(), step) * step;
        int warmup = config.exchanges().simulated().warmupBars();
        double sleeveCash = spec.initialCash() / spec.symbols().size();
        int n = spec.symbols().size();
        TradingLoop[] loops = new TradingLoop[n];
        for (int k = 0; k < n; k++) {
            BarSeries history = source.history(spec.symbols().get(k), spec.timeframe(), start - warmup * step, start,
                    run.control);
            BarSeries bars = new BarSeries(history.symbol(), history.timeframe(), history.size() + 1024);
            for (int i = 0; i < history.size(); i++) {
                bars.append(history.time(i), history.open(i), history.high(i), history.low(i), history.close(i),
                        history.volume(i));
            }
            loops[k] = new TradingLoop(bars, spec.strategy().create(spec.parameters()), sleeveCash, spec.costs(),
                    spec.sizing(), spec.allowShort(), new EquityCurve(1024), fillListener(run, spec.symbols().get(k)));
            for (int i = 0; i < bars.size(); i++) {
                loops[k].warmUp(i);
            }
        }
        long pollMillis = Math.max(1000, Math.min(10_000, step / 6));
        long processed = 0;
        long lastWarning = 0;
        while (!run.control.stopRequested()) {
            long now = System.currentTimeMillis();
            boolean advanced = false;
            for (int k = 0; k < n; k++) {
                BarSeries bars = loops[k].bars();
                long nextOpen = bars.size() == 0 ? start : bars.time(bars.size() - 1) + step;
                if (nextOpen + step > now) {
                    continue;
                }
                BarSeries fresh;
                try {
                    fresh = source.history(bars.symbol(), spec.timeframe(), nextOpen, now, run.control);
                } catch (ServiceException e) {
                    if (now - lastWarning > 60_000) {
                        LOG.warnf("Run %s waits for %s: %s", run.id, source.name(), e.getMessage());
                        lastWarning = now;
                    }
                    continue;
                }
                for (int i = 0; i < fresh.size(); i++) {
                    bars.append(fresh.time(i), fresh.open(i), fresh.high(i), fresh.low(i), fresh.close(i), fresh.volume(i));
                    loops[k].onBar(bars.size() - 1);
                    advanced = true;
                }
            }
            if (advanced) {
                processed++;
                double cash = 0;
                double value = 0;
                double benchmark = 0;
                int open = 0;
                for (TradingLoop loop : loops) {
                    cash += loop.broker().cash();
                    value += loop.lastValue();
                    EquityCurve curve = loop.equity();
                    benchmark += curve.size() == 0 ? 0 : curve.benchmark(curve.size() - 1);
                    open += loop.broker().position() != 0 ? 1 : 0;
                }
                run.openPositions = open;
                run.control.publish(processed, cash, value, fills(loops));
                run.addEquity(System.currentTimeMillis(), value, cash, benchmark);
            }
            try {
                // Wait in short slices, so a stop is answered at once rather than after a whole poll.
                for (long waited = 0; waited < pollMillis && !run.control.stopRequested(); waited += 200) {
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return RunOutcome.of(loops, sleeveCash, spec.initialCash(), spec.timeframe().barsPerYear());
    }

    /**
     * Paper trading on the simulated exchange: the strategy warms up on recent closed bars, then
     * trades each new bar as the simulated market's clock closes it, with the backtest fill model,
     * until stopped.
     */
    private RunOutcome paperSimulated(ActiveRun run) {
        RunSpec spec = run.spec;
        long step = spec.timeframe().millis();
        double speed = config.exchanges().simulated().clockSpeed();
        long realStart = System.currentTimeMillis();
        long marketStart = Math.floorDiv(realStart, step) * step;
        int warmup = config.exchanges().simulated().warmupBars();
        double sleeveCash = spec.initialCash() / spec.symbols().size();

        int n = spec.symbols().size();
        SyntheticMarket[] markets = new SyntheticMarket[n];
        TradingLoop[] loops = new TradingLoop[n];
        for (int k = 0; k < n; k++) {
            markets[k] = new SyntheticMarket(spec.symbols().get(k));
            BarSeries bars = markets[k].bars(spec.timeframe(), marketStart - warmup * step, marketStart, run.control);
            loops[k] = new TradingLoop(bars, spec.strategy().create(spec.parameters()), sleeveCash, spec.costs(),
                    spec.sizing(), spec.allowShort(), new EquityCurve(1024), fillListener(run, spec.symbols().get(k)));
            for (int i = 0; i < bars.size(); i++) {
                loops[k].warmUp(i);
            }
        }
        long nextOpen = marketStart;
        long processed = 0;
        while (!run.control.stopRequested()) {
            long marketNow = marketStart + (long) ((System.currentTimeMillis() - realStart) * speed);
            if (nextOpen + step <= marketNow) {
                double cash = 0;
                double value = 0;
                double benchmark = 0;
                for (int k = 0; k < n; k++) {
                    BarSeries bars = loops[k].bars();
                    markets[k].appendBar(bars, nextOpen, step);
                    loops[k].onBar(bars.size() - 1);
                    cash += loops[k].broker().cash();
                    value += loops[k].lastValue();
                    EquityCurve curve = loops[k].equity();
                    benchmark += curve.benchmark(curve.size() - 1);
                }
                processed++;
                int open = 0;
                for (TradingLoop loop : loops) {
                    open += loop.broker().position() != 0 ? 1 : 0;
                }
                run.openPositions = open;
                run.control.publish(processed, cash, value, fills(loops));
                run.addEquity(nextOpen, value, cash, benchmark);
                nextOpen += step;
                continue;
            }
            long waitMillis = (long) Math.ceil((nextOpen + step - marketNow) / speed);
            try {
                Thread.sleep(Math.max(1, Math.min(200, waitMillis)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return RunOutcome.of(loops, sleeveCash, spec.initialCash(), spec.timeframe().barsPerYear());
    }

    private static int fills(TradingLoop[] loops) {
        int count = 0;
        for (TradingLoop loop : loops) {
            count += loop.broker().fills().count();
        }
        return count;
    }

    private FillListener fillListener(ActiveRun run, String symbol) {
        AtomicInteger seq = new AtomicInteger();
        return (log, i) -> {
            String side = log.side(i) > 0 ? "buy" : "sell";
            double pnl = log.pnl(i);
            TradeView trade = new TradeView(symbol + "#" + seq.incrementAndGet(), Instant.ofEpochMilli(log.time(i)),
                    symbol, side, log.size(i), log.price(i), log.size(i) * log.price(i),
                    Double.isNaN(pnl) ? null : pnl, log.commission(i));
            run.addTrade(trade);
            run.origin.observer().onTrade(run.id, trade);
            events.trade(run.id, run.id.equals(runnerRunId), run.origin.owner(), trade);
            metrics.tradeExecuted(run.spec, side);
            if (run.spec.printlog()) {
                LOG.infof("Run %s %s %s %.8f @ %.8f (commission %.8f%s)", run.id, side, symbol, trade.size(),
                        trade.price(), trade.commission(), trade.pnl() == null ? "" : ", pnl " + trade.pnl());
            }
        };
    }

    private void finish(ActiveRun run, RunStatus status, String error, RunOutcome outcome) {
        run.status = status;
        run.error = error;
        long now = System.currentTimeMillis();
        try {
            if (outcome != null) {
                store.complete(stored(run, outcome, now), outcome.trades(), outcome.equity());
            } else {
                store.update(stored(run, null, now));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the end of run %s", run.id);
        } finally {
            active.remove(run.id);
            run.markFinished();
        }
        try {
            findView(run.id).ifPresent(v -> {
                events.status(v, run.id.equals(runnerRunId), run.origin.owner());
                run.origin.observer().onFinished(v);
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not publish the end of run %s: %s", run.id, e.getMessage());
        }
        LOG.infof("Run %s %s%s", run.id, status.code(), error == null ? "" : ": " + error);
    }

    /** Stopping a backtest needs the backtest capability; stopping a paper or live run needs execute. */
    private static void requireControl(ActiveRun run, Predicate<String> mayControlMode) {
        if (!mayControlMode.test(run.spec.mode().code())) {
            throw new NotPermittedException("Your role may not stop " + run.spec.mode().code() + " runs");
        }
    }

    private void stopAndWait(ActiveRun run) {
        run.control.requestStop();
        try {
            if (!run.awaitFinished(STOP_WAIT_MILLIS)) {
                LOG.warnf("Run %s did not stop within %d ms", run.id, STOP_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- views ----

    private Optional<RunView> findView(String id) {
        ActiveRun run = active.get(id);
        if (run != null) {
            return Optional.of(view(run));
        }
        return store.find(id).map(this::view);
    }

    private RunView view(ActiveRun run) {
        return view(stored(run, null, null));
    }

    private RunView view(StoredRun s) {
        RunRequest request = parseRequest(s.request());
        Double pnl = s.equity() == null ? null : s.equity() - s.initialCash();
        return new RunView(s.id(), s.status(), s.mode(), s.strategyName(), request.strategyParams(), s.symbols(),
                s.timeframe(), s.exchange(), dataSource(s.exchange(), request.dataset()),
                instant(request.startDate()), instant(request.endDate()), Instant.ofEpochMilli(s.createdAt()),
                s.startedAt() == null ? null : Instant.ofEpochMilli(s.startedAt()),
                s.finishedAt() == null ? null : Instant.ofEpochMilli(s.finishedAt()), s.runtimeSeconds(), s.progress(),
                s.barsProcessed(), s.initialCash(), s.cash(), s.equity(), pnl, s.tradeCount(), s.error());
    }

    private DataSourceView dataSource(String exchange, String dataset) {
        if (dataset != null) {
            return new DataSourceView(RunSpec.DATASET, false, "Imported dataset '" + dataset + "'");
        }
        MarketDataSource source = exchanges.find(exchange);
        return DataSourceView.of(exchange, source != null && source.simulated());
    }

    private ResultsView results(String id, int maxPoints) {
        ActiveRun live = active.get(id);
        StoredRun s = live != null ? stored(live, null, null)
                : store.find(id).orElseThrow(() -> new NotFoundException("No run with id " + id));
        RunView v = view(s);
        List<TradeView> trades = live != null ? live.recentTrades()
                : store.trades(id, 0, Integer.MAX_VALUE).stream().map(t -> trade(id, t)).toList();
        EquityCurve equity = live != null ? new EquityCurve(0) : store.equity(id);
        List<EquityPointView> curve = live != null ? live.liveEquity() : equityPoints(equity, s.initialCash(), maxPoints);
        PerformanceView performance = s.metrics() == null ? null : readJson(s.metrics(), PerformanceView.class);
        List<PositionView> positions = s.positions() == null ? List.of()
                : List.of(readJson(s.positions(), PositionView[].class));
        return new ResultsView(id, s.status(), s.mode(), s.strategyName(), s.symbols(), s.timeframe(), v.dataSource(),
                s.initialCash(), s.equity(), v.pnl(), performance, trades, positions, curve,
                live != null ? curve.size() : equity.size(), s.error());
    }

    private static TradeView trade(String runId, TradeRow t) {
        return new TradeView(runId.substring(0, 8) + "-" + t.seq(), Instant.ofEpochMilli(t.time()), t.symbol(), t.side(),
                t.size(), t.price(), t.size() * t.price(), t.pnl(), t.commission());
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

    private StoredRun stored(ActiveRun run, RunOutcome outcome, Long finishedAt) {
        RunSpec spec = run.spec;
        long now = System.currentTimeMillis();
        double cash = outcome != null ? outcome.cash() : run.control.cash();
        double value = outcome != null ? outcome.metrics().finalValue() : run.control.value();
        int trades = outcome != null ? outcome.trades().size() : run.control.fills();
        double progress = spec.mode() == RunMode.BACKTEST
                ? (run.status == RunStatus.COMPLETED ? 1.0 : run.control.progress()) : 0.0;
        return new StoredRun(run.id, spec.mode().code(), spec.strategy().name(), spec.exchange(), spec.symbols(),
                spec.timeframe().code(), run.requestJson, run.status.code(), run.error, run.createdAt, run.startedAt,
                finishedAt, run.startedAt == null ? null : run.runtimeSeconds(now), progress,
                run.control.barsProcessed(), spec.initialCash(), Double.isNaN(cash) ? null : cash,
                Double.isNaN(value) ? null : value, trades,
                outcome == null ? null : writeJson(PerformanceView.of(outcome.metrics(), outcome.benchmarkReturn())),
                outcome == null ? null : writeJson(outcome.positions()), run.origin.owner(),
                run.origin.strategyId());
    }

    /** The normalised request, as stored and shown back: every default filled in, never the credentials. */
    private String requestJson(RunSpec spec) {
        Sizing sizing = spec.sizing();
        return writeJson(new RunRequest(spec.strategy().name(), spec.parameters(), spec.symbols(), spec.timeframe().code(),
                Instant.ofEpochMilli(spec.fromMillis()).toString(), Instant.ofEpochMilli(spec.toMillis()).toString(),
                spec.initialCash(), spec.dataset() == null ? spec.exchange() : null, null, spec.mode().code(),
                spec.commission(), spec.slippage(), spec.dataset(),
                new RunRequest.SizingRequest(sizing.mode().name().toLowerCase(java.util.Locale.ROOT), sizing.value(),
                        sizing.mode() == Sizing.Mode.RISK ? sizing.stopDistance() : null),
                spec.fixedCommission(), spec.allowShort()));
    }

    private RunRequest parseRequest(String text) {
        return readJson(text, RunRequest.class);
    }

    private static Instant instant(String iso) {
        return iso == null ? null : Instant.parse(iso);
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T readJson(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    /** Every service call touches the database or waits on a run: keep it off the event loop. */
    private static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "run-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
