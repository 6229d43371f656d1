package io.cracktrader.service;

import io.cracktrader.error.ConflictException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.exchange.simulated.SimulatedMarketData;
import io.cracktrader.exchange.xchange.ExchangeCredentials;
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
import java.util.function.Predicate;

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
    private final RunViews views;
    private final RunEvents events;
    private final CredentialStore credentials;

    public RunOrchestrator(RunValidator validator, RunExecutor executor, RunRegistry registry, RunQueries queries,
                           RunViews views, RunEvents events, CredentialStore credentials) {
        this.validator = validator;
        this.executor = executor;
        this.registry = registry;
        this.queries = queries;
        this.views = views;
        this.events = events;
        this.credentials = credentials;
    }

    public Uni<RunView> startRunnerRun(RunRequest request, RunMode impliedMode, String owner) {
        return Blocking.call(() -> {
            RunSpec spec = accept(request, impliedMode, owner);
            ActiveRun run = registry.claimRunner(() -> executor.launch(spec, RunOrigin.of(owner)));
            return announce(run, true);
        });
    }

    public Uni<RunView> runnerStatus() {
        return Blocking.call(queries::runnerStatus);
    }

    public Uni<DetailedStatusView> runnerDetailedStatus() {
        return Blocking.call(queries::runnerDetailedStatus);
    }

    public Uni<ResultsView> runnerResults() {
        return Blocking.call(queries::runnerResults);
    }

    /** Stops the current run; waits briefly so the answer can say it has stopped. */
    public Uni<RunView> stopRunnerRun(Predicate<String> mayControlMode) {
        return Blocking.call(() -> {
            String id = registry.runnerRunId();
            ActiveRun run = id == null ? null : registry.get(id);
            if (run == null || !run.status.active()) {
                throw new ConflictException("No active run to stop");
            }
            return stop(run, mayControlMode);
        });
    }

    /** Stops the current run if there is one, and returns the runner to idle. */
    public Uni<RunView> resetRunner(Predicate<String> mayControlMode) {
        return Blocking.call(() -> {
            registry.resetRunner(run -> requireControl(run.spec.mode().code(), mayControlMode));
            return RunView.idle();
        });
    }

    public Uni<RunView> startRun(RunRequest request, String owner) {
        return Blocking.call(() -> startRunNow(accept(request, null, owner), RunOrigin.of(owner)));
    }

    public Uni<RunView> run(String id) {
        return Blocking.call(() -> queries.find(id).orElse(null));
    }

    public Uni<PageView<RunView>> listRuns(String status, String mode, String strategy, int page, int size) {
        return Blocking.call(() -> queries.list(new RunFilter(status, mode, strategy), page, size));
    }

    public Uni<ResultsView> runResults(String id) {
        return Blocking.call(() -> queries.find(id).isPresent() ? queries.results(id) : null);
    }

    public Uni<PageView<TradeView>> runTrades(String id, int page, int size) {
        return Blocking.call(() -> queries.trades(id, page, size));
    }

    public Uni<List<EquityPointView>> runEquity(String id, Integer points) {
        return Blocking.call(() -> queries.equity(id, points));
    }

    /** Stops an active run and keeps it, with what it produced, as {@code stopped}; null when there is no such run. */
    public Uni<RunView> stopRun(String id, Predicate<String> mayControlMode) {
        return Blocking.call(() -> {
            ActiveRun run = registry.get(id);
            if (run == null) {
                RunView view = queries.find(id).orElse(null);
                if (view == null) {
                    return null;
                }
                throw new ConflictException("Run " + id + " is not active; its status is " + view.status());
            }
            return stop(run, mayControlMode);
        });
    }

    /** Cancels the run if it is active, then deletes it and everything it produced; null when there is no such run. */
    public Uni<Boolean> deleteRun(String id, Predicate<String> mayControlMode) {
        return Blocking.call(() -> {
            queries.find(id).ifPresent(v -> requireControl(v.mode(), mayControlMode));
            ActiveRun run = registry.get(id);
            if (run != null) {
                registry.stopAndWait(run);
            }
            registry.forgetRunner(id);
            return executor.delete(id) ? Boolean.TRUE : null;
        });
    }

    /** How many runs are executing or waiting, for health reporting. */
    public int activeRuns() {
        return registry.activeCount();
    }

    public RunValidator validator() {
        return validator;
    }
    /** Starts a validated run (a configured strategy's, for instance). */
    public RunView startRunNow(RunSpec spec, RunOrigin origin) {
        return announce(executor.launch(spec, origin), false);
    }

    /** Asks an active run to stop and waits briefly for it; false when it is not active. */
    public boolean stopRunNow(String id) {
        ActiveRun run = registry.get(id);
        Optional.ofNullable(run).ifPresent(registry::stopAndWait);
        return run != null;
    }

    /** Waits up to {@code millis} for a run to finish; true when it is no longer active. */
    public boolean awaitRunNow(String id, long millis) {
        ActiveRun run = registry.get(id);
        return run == null || registry.await(run, millis);
    }

    /**
     * Validates the request once, and keeps its {@code exchange_config} as the owner's (encrypted)
     * credentials for the run's exchange, so the orders API and later runs use the same keys; they
     * are never kept with the run.
     */
    private RunSpec accept(RunRequest request, RunMode impliedMode, String owner) {
        RunSpec spec = validator.validate(request, impliedMode);
        if (request.exchangeConfig() != null && !request.exchangeConfig().isEmpty() && owner != null
                && !SimulatedMarketData.NAME.equals(spec.exchange()) && !RunSpec.DATASET.equals(spec.exchange())) {
            credentials.save(owner, spec.exchange(), ExchangeCredentials.parse(request.exchangeConfig()));
        }
        return spec;
    }

    private RunView announce(ActiveRun run, boolean runner) {
        RunView view = views.view(run);
        events.status(view, runner, run.origin.owner());
        return view;
    }

    private RunView stop(ActiveRun run, Predicate<String> mayControlMode) {
        requireControl(run.spec.mode().code(), mayControlMode);
        registry.stopAndWait(run);
        return queries.find(run.id).orElseThrow();
    }

    /** Stopping a backtest needs the backtest capability; stopping a paper or live run needs execute. */
    private static void requireControl(String mode, Predicate<String> mayControlMode) {
        if (!mayControlMode.test(mode)) {
            throw new NotPermittedException("Your role may not stop " + mode + " runs");
        }
    }
}
