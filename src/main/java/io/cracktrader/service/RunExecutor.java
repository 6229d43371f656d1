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
import io.cracktrader.store.StoredRun;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
    private final RunJournal journal;
    private final RunLeases leases;
    /** Retries the end of runs the database could not take when they ended (see {@link #finish}). */
    private final ScheduledExecutorService finalWrites = Daemons.scheduler("run-final-write");
    /** Wakes paper runs when their next bar is due; it only schedules, the steps run on {@link #liveSteps}. */
    private final ScheduledExecutorService liveClock = Daemons.scheduler("live-clock");
    /** Paper runs' steps: short, or waiting on an exchange's answer; never a backtest worker. */
    private final ExecutorService liveSteps = Executors.newCachedThreadPool(Daemons.threads("live-run"));

    public RunExecutor(CracktraderConfig config, RunStore store, RunRegistry registry, BacktestQueue backtests,
                       BacktestLoader loader, ExchangeRegistry exchanges, RunRecords records, RunViews views,
                       RunEvents events, RunMetrics metrics, RunJournal journal, RunLeases leases) {
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
        this.journal = journal;
        this.leases = leases;
    }

    /** Records the run, registers it and hands it to the scheduler its kind of work needs. */
    ActiveRun launch(RunSpec spec, RunOrigin origin) {
        refuseUnavailableModes(spec);
        ActiveRun run = new ActiveRun(UUID.randomUUID().toString(), spec, System.currentTimeMillis(), origin,
                registry.nextStatusSlot());
        store.insert(records.stored(run), leases.replica(), leases.expiry());
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
        try {
            store.update(records.stored(run), leases.replica(), leases.expiry());
        } catch (RuntimeException e) {
            // The row still says starting; the lease heartbeat writes the state once the database is back.
            LOG.warnf("Could not record the start of run %s: %s", run.id, e.getMessage());
        }
        events.status(views.view(run), registry.isRunner(run.id), run.origin);
    }

    /** Journals the fill; it reaches the run's followers only once it is stored (docs/ARCHITECTURE.md, "Durability"). */
    private void onFill(ActiveRun run, Fill fill) {
        TradeView trade = RunViews.trade(run, fill);
        journal.append(run, RunRecords.row(fill), () -> announceFill(run, trade));
    }

    private void announceFill(ActiveRun run, TradeView trade) {
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

    /**
     * Records the end of a run, then tells its followers: nobody hears "completed" before the commit
     * that stores it (its fills, stored by the journal first, then its results and curve in one
     * transaction). While the database cannot take it, the write is retried with backoff for
     * {@code cracktrader.runs.final-write-retry}; after that the run is reported failed with the reason,
     * and that failure is written as soon as the database is back (docs/ARCHITECTURE.md, "Durability").
     */
    void finish(ActiveRun run, RunStatus status, String error, PortfolioOutcome outcome) {
        run.finishing = true;
        long now = System.currentTimeMillis();
        StopReason why = switch (status) {
            case COMPLETED -> null;
            case FAILED -> StopReason.ERROR;
            default -> run.stopReason != null ? run.stopReason : StopReason.USER;
        };
        long deadline = now + config.runs().finalWriteRetry().toMillis();
        String failure = null;
        if (!journal.awaitDurable(run, deadline - now)) {
            failure = "its fills could not be stored in time";
        } else if (!run.lost) {
            failure = recordEnd(run, records.ended(run, status, error, why, outcome, now), outcome, deadline);
        }
        if (run.lost) {
            // Another replica closed the run after its lease expired; its row says so already.
            LOG.warnf("Run %s ended here (%s) after another replica had closed it; its row is left as that replica wrote it",
                    run.id, status.code());
            release(run, status, StopReason.INTERRUPTED, now);
            try {
                store.find(run.id).map(views::view).ifPresent(v -> announceEnd(run, v));
            } catch (RuntimeException e) {
                LOG.warnf("Could not publish the end of run %s: %s", run.id, e.getMessage());
            }
            return;
        }
        if (failure != null) {
            String reason = "The run ended (" + status.code() + ") but " + failure + "; it is recorded as failed";
            LOG.errorf("Run %s: %s", run.id, reason);
            run.status = RunStatus.FAILED;
            run.error = reason;
            run.stopReason = StopReason.ERROR;
            run.finishedAt = now;
            metricsFinished(run, RunStatus.FAILED, StopReason.ERROR, now);
            run.markFinished();
            announceEnd(run, views.view(run));
            finalWrites.schedule(() -> retryFailedEnd(run, reason, now, 1_000), 1, TimeUnit.SECONDS);
            return;
        }
        StoredRun row = records.ended(run, status, error, why, outcome, now);
        run.status = status;
        run.error = error;
        release(run, status, why, now);
        announceEnd(run, views.view(row));
        LOG.infof("Run %s %s%s", run.id, status.code(), error == null ? "" : ": " + error);
    }

    /** Writes the final row until it is stored or the deadline passes; null when stored, else why not. */
    private String recordEnd(ActiveRun run, StoredRun row, PortfolioOutcome outcome, long deadline) {
        long backoff = 100;
        while (true) {
            try {
                boolean held = outcome != null ? store.complete(row, outcome.equity(), leases.replica())
                        : store.update(row, leases.replica(), null);
                if (!held) {
                    run.lost = true;
                }
                return null;
            } catch (RuntimeException e) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    // Our own wording only: an unexpected exception's text stays in the log.
                    LOG.errorf(e, "Run %s: giving up recording its end", run.id);
                    return "its results could not be stored: " + (e instanceof ServiceException ? e.getMessage()
                            : "an internal error (the service log has details)");
                }
                LOG.warnf("Could not record the end of run %s, retrying in %d ms: %s", run.id, backoff, e.getMessage());
                sleep(Math.min(backoff, left));
                backoff = Math.min(5_000, backoff * 2);
            }
        }
    }

    /** A run reported failed because its end could not be stored stays visible here until that failure is. */
    private void retryFailedEnd(ActiveRun run, String reason, long finishedAt, long backoff) {
        try {
            // Built again each time: fills the journal stores meanwhile are counted.
            StoredRun failedRow = records.ended(run, RunStatus.FAILED, reason, StopReason.ERROR, null, finishedAt);
            if (!store.update(failedRow, leases.replica(), null)) {
                LOG.warnf("Run %s was closed by another replica meanwhile", run.id);
            }
            registry.remove(run);
            LOG.infof("Run %s: its failure is recorded now", run.id);
        } catch (RuntimeException e) {
            long next = Math.min(30_000, backoff * 2);
            LOG.debugf("Run %s: still cannot record its failure, retrying in %d ms: %s", run.id, next, e.getMessage());
            finalWrites.schedule(() -> retryFailedEnd(run, reason, finishedAt, next), next, TimeUnit.MILLISECONDS);
        }
    }

    private void release(ActiveRun run, RunStatus status, StopReason why, long now) {
        registry.remove(run);
        run.markFinished();
        metricsFinished(run, status, why, now);
    }

    private void metricsFinished(ActiveRun run, RunStatus status, StopReason why, long now) {
        Long started = run.startedAt;
        metrics.finished(run.spec, status, why, run.control.barsProcessed(), Duration.ofMillis(started == null ? 0 : now - started));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void announceEnd(ActiveRun run, RunView view) {
        try {
            events.status(view, registry.isRunner(run.id), run.origin);
            run.origin.observer().onFinished(view);
        } catch (RuntimeException e) {
            LOG.warnf("Could not publish the end of run %s: %s", run.id, e.getMessage());
        }
    }

    /** Runs before the journal drains and the leases stop, so both still serve the runs' last writes. */
    static final int SHUTDOWN_PRIORITY = 100;

    void shutdown(@Observes @Priority(SHUTDOWN_PRIORITY) ShutdownEvent event) {
        registry.stopAll();
        long deadline = System.currentTimeMillis() + 5_000;
        for (ActiveRun run : List.copyOf(registry.all())) {
            registry.await(run, Math.max(1, deadline - System.currentTimeMillis()));
        }
        backtests.close();
        finalWrites.shutdown();
        liveClock.shutdownNow();
        liveSteps.shutdown();
        try {
            liveSteps.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
