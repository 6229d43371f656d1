package io.cracktrader.store;

import io.cracktrader.engine.metrics.EquityCurve;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of runs and their outcomes. The embedded implementation keeps a database file in
 * the data directory; deployments with several replicas use PostgreSQL behind the same interface.
 *
 * <p>An active run is held by one replica through a lease (docs/ARCHITECTURE.md, "Durability"): the
 * writes of an active run's state name the replica and change nothing once another replica has
 * taken the run over.
 */
public interface RunStore {

    /** Records a new run, held by {@code replica} until {@code leaseExpiresAt}. */
    void insert(StoredRun run, String replica, long leaseExpiresAt);

    /**
     * Saves the state fields (status, progress, figures, error, times) of a run {@code replica}
     * holds, and extends its lease to {@code leaseExpiresAt} (null: releases it, the run has ended);
     * false when the run is no longer held by it (taken over, deleted) or has ended already.
     */
    boolean update(StoredRun run, String replica, Long leaseExpiresAt);

    /** What a lease renewal found: the run is held, is no longer held by the replica, or is being written just now. */
    enum Renewal { HELD, LOST, BUSY }

    /**
     * The heartbeat of an active run: extends its lease and, when {@code state} is given, saves its
     * state fields. It never waits for a row another transaction is writing (the run's own final
     * write, another replica closing it): that is {@link Renewal#BUSY}, and the next beat tries again.
     */
    Renewal renew(String runId, StoredRun state, String replica, long leaseExpiresAt);

    /** Appends fills (of any runs) in one transaction; a fill already stored is left as it is. */
    void appendTrades(Collection<RunTrade> trades);

    /**
     * Saves the final state with the full equity curve in one transaction, and releases the lease;
     * false when the run is no longer held by {@code replica}. Its fills are already stored.
     */
    boolean complete(StoredRun run, EquityCurve equity, String replica);

    Optional<StoredRun> find(String id);

    /** Newest first. */
    List<StoredRun> list(RunFilter filter, int offset, int limit);

    long count(RunFilter filter);

    List<TradeRow> trades(String runId, int offset, int limit);

    long tradeCount(String runId);

    /** The stored equity curve, empty when the run has none yet. */
    EquityCurve equity(String runId);

    boolean delete(String runId);

    /** Runs left starting or running by another replica whose lease ended before {@code nowMillis}. */
    List<StoredRun> expired(String replica, long nowMillis);

    /** Runs starting or running that name {@code replica} as theirs. */
    List<StoredRun> heldBy(String replica);

    /**
     * Ends a run whose lease ended before {@code leaseBefore} as failed (stop reason {@code interrupted})
     * at {@code finishedAt}, keeping its fills and counting them; false when its lease was renewed or it
     * ended meanwhile, so two replicas never both close it.
     */
    boolean interrupt(String runId, String reason, long leaseBefore, long finishedAt);

    /** Throws when the database cannot be reached. */
    void ping();
}
