package io.cracktrader.service;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.engine.portfolio.Fill;
import io.cracktrader.engine.portfolio.Portfolio;
import io.cracktrader.engine.portfolio.PortfolioOutcome;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.error.ServiceException;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.cracktrader.store.RunStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Starts runs and sees them to their end, by kind of work (docs/ARCHITECTURE.md, "Scheduling"):
 * backtests wait their fair turn for a CPU worker ({@link BacktestQueue}); paper runs are
 * {@link PaperJob}s woken by their market's clock, so hundreds of them hold no thread between bars.
 * Every run is recorded when it is created and again when it ends.
 */
@ApplicationScoped
public class RunExecutor {
    private static final Logger LOG = Logger.getLogger(RunExecutor.class);

    private final CracktraderConfig config;
    private final RunStore store;
    private final RunRegistry registry;
    private final BacktestQueue backtests;
    private final BacktestLoader loader;
    private final ExchangeRegistry exchanges;
    private final RunRecords records;
    private final RunViews views;
    private final RunEvents events;
    private final RunMetrics metrics;
    /** Wakes paper runs when their next bar is due; it only schedules, the steps run on {@link #liveSteps}. */
    private final ScheduledExecutorService liveClock = Executors.newSingleThreadScheduledExecutor(daemon("live-clock"));
    /** Paper runs' steps: short, or waiting on an exchange's answer; never a backtest worker. */
    private final ExecutorService liveSteps = Executors.newCachedThreadPool(daemon("live-run"));

    public RunExecutor(CracktraderConfig config, RunStore store, RunRegistry registry, BacktestQueue backtests,
                       BacktestLoader loader, ExchangeRegistry exchanges, RunRecords records, RunViews views,
                       RunEvents events, RunMetrics metrics) {
        this.config = config;
        this.store = store;
        this.registry = registry;
        this.backtests = backtests;
        this.loader = loader;
        this.exchanges = exchanges;
        this.records = records;
        this.views = views;
        this.events = events;
        this.metrics = metrics;
    }

    /** Records the run, registers it and hands it to the scheduler its kind of work needs. */
    ActiveRun launch(RunSpec spec, RunOrigin origin) {
        refuseUnavailableModes(spec);
        ActiveRun run = new ActiveRun(UUID.randomUUID().toString(), spec, System.currentTimeMillis(), origin,
                registry.nextStatusSlot());
        store.insert(records.stored(run, null, null));
        registry.add(run);
        metrics.started(spec);
        if (spec.mode() == RunMode.BACKTEST) {
            run.onStop(() -> {
                if (backtests.cancel(run.id)) {
                    finish(run, RunStatus.STOPPED, null, null);
                }
            });
            backtests.submit(origin.owner(), run.id, () -> backtest(run));
        } else {
            paperJob(run).start();
        }
        LOG.infof("Run %s queued: %s %s on %s %s (%s)", run.id, spec.mode().code(), spec.strategy().name(),
                spec.exchange(), spec.symbols(), spec.timeframe().code());
        return run;
    }

    private void refuseUnavailableModes(RunSpec spec) {
        if (spec.mode() == RunMode.LIVE && !config.live().enabled()) {
            throw new NotPermittedException("Live trading is disabled; an operator enables it with cracktrader.live.enabled");
        }
        if (spec.mode() != RunMode.BACKTEST && spec.dataset() != null) {
            throw InvalidRequestException.field("dataset", "datasets are history: backtest them; paper runs follow a live market");
        }
        if (spec.mode() == RunMode.SANDBOX || spec.mode() == RunMode.LIVE) {
            // Strategies place orders through the engine's simulated broker; routing them to an exchange's
            // TradeService is not built yet. Orders on a testnet or account go through /api/trading/order.
            throw InvalidRequestException.field("mode", spec.mode().code() + " runs are not available in this version: "
                    + "use mode paper (live prices, simulated fills), or place orders on " + spec.exchange()
                    + (spec.mode() == RunMode.SANDBOX ? "'s testnet" : "") + " through POST /api/trading/order");
        }
    }

    private PaperJob paperJob(ActiveRun run) {
        MarketDataSource source = exchanges.find(run.spec.exchange());
        CracktraderConfig.Simulated simulated = config.exchanges().simulated();
        LiveFeed feed = source.simulated() ? new SimulatedFeed(run.spec, simulated.clockSpeed(), simulated.warmupBars())
                : new ExchangeFeed(run.spec, run.id, source, config.runs().warmupBars(), run.control);
        begin(run);
        return new PaperJob(run, feed, liveClock, liveSteps, fill -> onFill(run, fill), this::finish);
    }

    /** On a backtest worker: load the bars, trade them all, record the outcome. */
    private void backtest(ActiveRun run) {
        long wallStart = System.currentTimeMillis();
        try {
            if (run.control.stopRequested()) {
                finish(run, RunStatus.STOPPED, null, null);
                return;
            }
            begin(run);
            RunSpec spec = run.spec;
            Portfolio portfolio = new Portfolio(loader.load(spec, run.control), () -> spec.strategy().create(spec.parameters()),
                    spec.initialCash(), spec.costs(), spec.sizing(), spec.allowShort(), 0, fill -> onFill(run, fill));
            portfolio.backtest(run.control);
            PortfolioOutcome outcome = portfolio.outcome(spec.timeframe().barsPerYear());
            finish(run, run.control.stopRequested() ? RunStatus.STOPPED : RunStatus.COMPLETED, null, outcome);
        } catch (RuntimeException | Error e) {
            finish(run, RunStatus.FAILED, reason(run, e), null);
        } finally {
            LOG.debugf("Run %s took %d ms on its worker", run.id, System.currentTimeMillis() - wallStart);
        }
    }

    /** What a failed run says: the service's own message, or a pointer to the log for the unexpected. */
    static String reason(ActiveRun run, Throwable e) {
        if (e instanceof ServiceException) {
            LOG.warnf("Run %s failed: %s", run.id, e.getMessage());
            return e.getMessage();
        }
        LOG.errorf(e, "Run %s failed unexpectedly", run.id);
        return "Internal error while running; the service log has details (run " + run.id + ")";
    }

    private void begin(ActiveRun run) {
        run.startedAt = System.currentTimeMillis();
        run.status = RunStatus.RUNNING;
        store.update(records.stored(run, null, null));
        events.status(views.view(run), registry.isRunner(run.id), run.origin);
    }

    private void onFill(ActiveRun run, Fill fill) {
        TradeView trade = RunViews.trade(run, fill);
        run.addTrade(trade);
        run.origin.observer().onTrade(run.id, trade);
        events.trade(run.id, registry.isRunner(run.id), run.origin, trade);
        metrics.tradeExecuted(run.spec, trade.side());
        if (run.spec.printlog()) {
            LOG.infof("Run %s %s %s %.8f @ %.8f (commission %.8f%s)", run.id, trade.side(), trade.symbol(), trade.size(),
                    trade.price(), trade.commission(), trade.pnl() == null ? "" : ", pnl " + trade.pnl());
        }
    }

    /** Deletes a finished run and everything it produced; false when there is no such run. */
    boolean delete(String runId) {
        return store.delete(runId);
    }

    /** Records the end of a run (with its fills and curve when it has an outcome) and tells its followers. */
    void finish(ActiveRun run, RunStatus status, String error, PortfolioOutcome outcome) {
        run.status = status;
        run.error = error;
        long now = System.currentTimeMillis();
        try {
            if (outcome != null) {
                store.complete(records.stored(run, outcome, now), RunRecords.rows(outcome.fills()), outcome.equity());
            } else {
                store.update(records.stored(run, null, now));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the end of run %s", run.id);
        } finally {
            registry.remove(run);
            run.markFinished();
            Long started = run.startedAt;
            metrics.finished(run.spec, status, run.control.barsProcessed(),
                    Duration.ofMillis(started == null ? 0 : now - started));
        }
        try {
            store.find(run.id).map(views::view).ifPresent(v -> announceEnd(run, v));
        } catch (RuntimeException e) {
            LOG.warnf("Could not publish the end of run %s: %s", run.id, e.getMessage());
        }
        LOG.infof("Run %s %s%s", run.id, status.code(), error == null ? "" : ": " + error);
    }

    private void announceEnd(ActiveRun run, RunView view) {
        events.status(view, registry.isRunner(run.id), run.origin);
        run.origin.observer().onFinished(view);
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
        registry.stopAll();
        long deadline = System.currentTimeMillis() + 5_000;
        for (ActiveRun run : List.copyOf(registry.all())) {
            registry.await(run, Math.max(1, deadline - System.currentTimeMillis()));
        }
        backtests.close();
        liveClock.shutdownNow();
        liveSteps.shutdown();
        try {
            liveSteps.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
