package io.cracktrader.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Backtests of configured strategies beside their runs: the options asked for and, once the run ended,
 * the analyses (JSON) or the reason they could not be made. The run itself is in the run store.
 */
@ApplicationScoped
public class StrategyBacktestStore {

    /** {@code analysis} and {@code error} are both null while the analyses are pending. */
    public record StoredBacktest(String runId, String strategyId, String options, String analysis, String error,
                                 long createdAt) {
    }

    private final Database db;

    public StrategyBacktestStore(Database db) {
        this.db = db;
    }

    /** Adds the backtest unless its run already finished and {@link #finish} wrote it first. */
    public void insert(StoredBacktest b) {
        upsert("insert strategy backtest", b, "DO NOTHING");
    }

    /** Records the analyses of a finished backtest, or why there are none. */
    public void finish(StoredBacktest b) {
        upsert("finish strategy backtest", b, "DO UPDATE SET analysis = excluded.analysis, error = excluded.error");
    }

    private void upsert(String what, StoredBacktest b, String onConflict) {
        db.write(what, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO strategy_backtests "
                    + "(run_id, strategy_id, options, analysis, error, created_at) VALUES (?,?,?,?,?,?) "
                    + "ON CONFLICT (run_id) " + onConflict)) {
                ps.setString(1, b.runId());
                ps.setString(2, b.strategyId());
                ps.setString(3, b.options());
                ps.setString(4, b.analysis());
                ps.setString(5, b.error());
                ps.setLong(6, b.createdAt());
                ps.executeUpdate();
            }
        });
    }

    /**
     * Fails the pending analyses nobody will make: those whose run is gone or ended without completing,
     * and those whose run completed before {@code completedBefore} (an analysis takes seconds after its
     * run completes; another replica may be making a recent one).
     */
    public int failPending(String reason, long completedBefore) {
        return db.writeAndGet("fail pending strategy backtests", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE strategy_backtests SET error=? WHERE analysis IS NULL "
                    + "AND error IS NULL AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.id=strategy_backtests.run_id AND "
                    + "(r.status IN ('starting', 'running') OR (r.status='completed' AND r.finished_at >= ?)))")) {
                ps.setString(1, reason);
                ps.setLong(2, completedBefore);
                return ps.executeUpdate();
            }
        });
    }

    public Optional<StoredBacktest> find(String runId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, strategy_id, options, analysis, error, "
                    + "created_at FROM strategy_backtests WHERE run_id=?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new StoredBacktest(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getLong(6))) : Optional.empty();
                }
            }
        });
    }
}
