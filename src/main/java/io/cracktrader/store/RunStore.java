package io.cracktrader.store;

import io.cracktrader.engine.metrics.EquityCurve;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of runs and their outcomes. The embedded implementation keeps a database file in
 * the data directory; deployments with several replicas use PostgreSQL behind the same interface.
 */
public interface RunStore {

    void insert(StoredRun run);

    /** Saves the run's state fields (status, progress, figures, error, times). */
    void update(StoredRun run);

    /** Saves the final state with every fill and the full equity curve, atomically. */
    void complete(StoredRun run, List<TradeRow> trades, EquityCurve equity);

    Optional<StoredRun> find(String id);

    /** Newest first. */
    List<StoredRun> list(RunFilter filter, int offset, int limit);

    long count(RunFilter filter);

    List<TradeRow> trades(String runId, int offset, int limit);

    long tradeCount(String runId);

    /** The stored equity curve, empty when the run has none yet. */
    EquityCurve equity(String runId);

    boolean delete(String runId);

    /** Marks runs left starting or running by a previous process as failed; returns how many. */
    int failInterrupted(String reason, long nowMillis);

    /** Throws when the database cannot be reached. */
    void ping();
}
