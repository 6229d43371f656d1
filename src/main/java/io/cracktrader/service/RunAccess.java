package io.cracktrader.service;

import io.cracktrader.error.NotFoundException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.security.Caller;
import io.cracktrader.store.RunFilter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may reach a run (README, "Security"): the user who started it and the administrator hold every
 * right; a share of the strategy it ran for lets another user read it (read) and stop it (execute);
 * anyone else is told there is no such run, so ids cannot be probed. Every run path and stream asks here.
 */
@ApplicationScoped
public class RunAccess {
    private final RunQueries queries;
    private final RunSharing sharing;

    public RunAccess(RunQueries queries, RunSharing sharing) {
        this.queries = queries;
        this.sharing = sharing;
    }

    /** Whether the caller may read a run started by {@code owner} for {@code strategyId} (null: none). */
    public boolean mayRead(Caller caller, String owner, String strategyId) {
        return caller.isAdmin() || caller.username().equals(owner)
                || (strategyId != null && sharing.mayRead(caller, strategyId));
    }

    /** Whether the caller may read the run; false when there is no such run. */
    public boolean mayRead(Caller caller, String runId) {
        return queries.origin(runId).map(o -> mayRead(caller, o.owner(), o.strategyId())).orElse(false);
    }

    /** Fails as "no such run" unless the caller may read it. */
    void requireRead(Caller caller, String runId) {
        if (!mayRead(caller, runId)) {
            throw new NotFoundException("No run with id " + runId);
        }
    }

    /**
     * Fails unless the caller may stop or delete the run: they must be able to read it (else "no such
     * run"), own it, be the administrator or hold execute on its strategy, and their role must allow
     * runs of its mode (the backtest capability for backtests, execute for the others).
     */
    void requireControl(Caller caller, String runId, String mode) {
        RunQueries.Origin origin = queries.origin(runId)
                .filter(o -> mayRead(caller, o.owner(), o.strategyId()))
                .orElseThrow(() -> new NotFoundException("No run with id " + runId));
        boolean holder = caller.isAdmin() || caller.username().equals(origin.owner())
                || (origin.strategyId() != null && sharing.mayExecute(caller, origin.strategyId()));
        if (!holder) {
            throw new NotPermittedException("You may read this run but not stop or delete it");
        }
        if (!caller.mayRun(mode)) {
            throw new NotPermittedException("Your role may not stop " + mode + " runs");
        }
    }

    /** A list filter narrowed to the caller's own runs (the administrator's lists hold everyone's). */
    RunFilter scoped(Caller caller, RunFilter filter) {
        return caller.isAdmin() ? filter : filter.ownedBy(caller.username());
    }
}
