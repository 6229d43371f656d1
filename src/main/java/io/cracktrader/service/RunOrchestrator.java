package io.cracktrader.service;

import io.cracktrader.error.ConflictException;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.exchange.simulated.SimulatedMarketData;
import io.cracktrader.exchange.xchange.ExchangeCredentials;
import io.cracktrader.security.Caller;
import io.cracktrader.service.view.ChartView;
import io.cracktrader.service.view.DetailedStatusView;
import io.cracktrader.service.view.EquityPointView;
import io.cracktrader.service.view.PageView;
import io.cracktrader.service.view.ResultsView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.cracktrader.store.RunFilter;
import io.cracktrader.trading.CredentialStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The one door to runs for resources, sockets and the strategy services: it validates a request
 * once, starts the run through {@link RunExecutor}, and answers reads through {@link RunQueries}.
 * The {@code Uni} methods run their work off the event loop; the {@code ...Now} methods are for
 * services that are already on a worker (which read runs through {@link RunQueries} directly).
 * The runner API's single current run lives in {@link RunRegistry} (docs/ARCHITECTURE.md, "Runs").
 */
@ApplicationScoped
public class RunOrchestrator {
    private final RunValidator validator;
    private final RunExecutor executor;
    private final RunRegistry registry;
    private final RunQueries queries;
    private final RunAccess access;
    private final RunViews views;
    private final RunEvents events;
    private final CredentialStore credentials;
    private final RunCharts charts;

    public RunOrchestrator(RunValidator validator, RunExecutor executor, RunRegistry registry, RunQueries queries,
                           RunAccess access, RunViews views, RunEvents events, CredentialStore credentials,
                           RunCharts charts) {
        this.charts = charts;
        this.validator = validator;
        this.executor = executor;
        this.registry = registry;
        this.queries = queries;
        this.access = access;
        this.views = views;
        this.events = events;
        this.credentials = credentials;
    }

    public Uni<RunView> startRunnerRun(RunRequest request, RunMode impliedMode, Caller caller) {
        return Blocking.call(() -> {
            RunSpec spec = accept(request, impliedMode, caller);
            ActiveRun run = registry.claimRunner(() -> executor.launch(spec, RunOrigin.of(caller.username())));
            return announce(run, true);
        });
    }

    /** The runner's current run; to anyone who may not read it, only that the runner is busy. */
    public Uni<RunView> runnerStatus(Caller caller) {
        return Blocking.call(() -> queries.runnerStatus(id -> access.mayRead(caller, id)));
    }

    public Uni<DetailedStatusView> runnerDetailedStatus(Caller caller) {
        return Blocking.call(() -> queries.runnerDetailedStatus(id -> access.mayRead(caller, id)));
    }

    public Uni<ResultsView> runnerResults(Caller caller) {
        return Blocking.call(() -> queries.runnerResults(id -> access.mayRead(caller, id)));
    }

    /** Stops the current run; waits briefly so the answer can say it has stopped. */
    public Uni<RunView> stopRunnerRun(Caller caller) {
        return Blocking.call(() -> {
            String id = registry.runnerRunId();
            ActiveRun run = id == null ? null : registry.get(id);
            if (run == null || !run.status.active() || !access.mayRead(caller, id)) {
                throw new ConflictException(run == null || !run.status.active() ? "No active run to stop"
                        : "The runner is busy with another user's run");
            }
            return stop(run, caller);
        });
    }

    /** Stops the current run if there is one, and returns the runner to idle. */
    public Uni<RunView> resetRunner(Caller caller) {
        return Blocking.call(() -> {
            registry.resetRunner(run -> {
                if (!access.mayRead(caller, run.id)) {
                    throw new ConflictException("The runner is busy with another user's run");
                }
                access.requireControl(caller, run.id, run.spec.mode().code());
            });
            return RunView.idle();
        });
    }

    public Uni<RunView> startRun(RunRequest request, Caller caller) {
        return Blocking.call(() -> startRunNow(accept(request, null, caller), RunOrigin.of(caller.username())));
    }

    /** The reads of one run answer null (no such run) when the caller may not read it. */
    public Uni<RunView> run(Caller caller, String id) {
        return Blocking.call(() -> access.mayRead(caller, id) ? queries.find(id).orElse(null) : null);
    }

    public Uni<PageView<RunView>> listRuns(Caller caller, String status, String mode, String strategy, int page,
                                           int size) {
        RunFilter filter = new RunFilter(status, mode, strategy);
        return Blocking.call(() -> queries.list(access.scoped(caller, filter), page, size));
    }

    public Uni<ResultsView> runResults(Caller caller, String id) {
        return Blocking.call(() -> access.mayRead(caller, id) ? queries.results(id) : null);
    }

    public Uni<PageView<TradeView>> runTrades(Caller caller, String id, int page, int size) {
        return Blocking.call(() -> access.mayRead(caller, id) ? queries.trades(id, page, size) : null);
    }

    public Uni<List<EquityPointView>> runEquity(Caller caller, String id, Integer points) {
        return Blocking.call(() -> access.mayRead(caller, id) ? queries.equity(id, points) : null);
    }

    /** The candles a run traded on, with its strategy's lines; null when the caller may not read the run. */
    public Uni<ChartView> runCandles(Caller caller, String id, String symbol, int maxCandles) {
        return charts.chart(caller, id, symbol, maxCandles);
    }

    /** Stops an active run and keeps it, with what it produced, as {@code stopped}. */
    public Uni<RunView> stopRun(Caller caller, String id) {
        return Blocking.call(() -> {
            access.requireRead(caller, id);
            ActiveRun run = registry.get(id);
            if (run == null) {
                throw new ConflictException("Run " + id + " is not active; its status is "
                        + queries.find(id).map(RunView::status).orElse("unknown"));
            }
            return stop(run, caller);
        });
    }

    /** Cancels the run if it is active, then deletes it and everything it produced. */
    public Uni<Boolean> deleteRun(Caller caller, String id) {
        return Blocking.call(() -> {
            RunView view = queries.find(id).filter(v -> access.mayRead(caller, id))
                    .orElseThrow(() -> new NotFoundException("No run with id " + id));
            access.requireControl(caller, id, view.mode());
            Optional.ofNullable(registry.get(id)).ifPresent(r -> registry.stopAndWait(r, StopReason.USER));
            registry.forgetRunner(id);
            return executor.delete(id) ? Boolean.TRUE : null;
        });
    }

    /** Whether a run of the configured strategy is starting or running, on any replica (blocking). */
    public boolean hasActiveRun(String strategyId) {
        return queries.hasActiveRun(strategyId);
    }

    /** How many runs are executing or waiting, for health reporting. */
    public int activeRuns() {
        return registry.activeCount();
    }

    /** Starts a validated run (a configured strategy's, for instance). */
    public RunView startRunNow(RunSpec spec, RunOrigin origin) {
        return announce(executor.launch(spec, origin), false);
    }

    /** Asks an active run to stop for {@code reason} and waits briefly for it; false when it is not active. */
    public boolean stopRunNow(String id, StopReason reason) {
        Optional<ActiveRun> run = Optional.ofNullable(registry.get(id));
        run.ifPresent(r -> registry.stopAndWait(r, reason));
        return run.isPresent();
    }

    /** Validates once; an {@code exchange_config} becomes the owner's encrypted credentials, not the run's. */
    private RunSpec accept(RunRequest request, RunMode impliedMode, Caller caller) {
        RunSpec spec = validator.validate(request, impliedMode, caller);
        String owner = caller.username();
        if (request.exchangeConfig() != null && !request.exchangeConfig().isEmpty() && owner != null
                && !SimulatedMarketData.NAME.equals(spec.exchange()) && !RunSpec.DATASET.equals(spec.exchange())) {
            credentials.save(owner, spec.exchange(), ExchangeCredentials.parse(request.exchangeConfig()));
        }
        return spec;
    }

    private RunView announce(ActiveRun run, boolean runner) {
        RunView view = views.view(run);
        events.status(view, runner, run.origin);
        return view;
    }

    private RunView stop(ActiveRun run, Caller caller) {
        access.requireControl(caller, run.id, run.spec.mode().code());
        registry.stopAndWait(run, StopReason.USER);
        return queries.find(run.id).orElseThrow();
    }
}
