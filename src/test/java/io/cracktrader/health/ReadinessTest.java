package io.cracktrader.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cracktrader.engine.metrics.EquityCurve;
import io.cracktrader.store.RunFilter;
import io.cracktrader.store.RunStore;
import io.cracktrader.store.RunTrade;
import io.cracktrader.error.UnavailableException;
import io.cracktrader.store.StoredRun;
import io.cracktrader.store.TradeRow;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness follows the run store: down, with a reason, when the database cannot be reached. */
class ReadinessTest {

    /** A store whose database has gone away: every call fails as the JDBC store then fails. */
    static final class UnreachableStore implements RunStore {
        private static RuntimeException down() {
            return new UnavailableException("The database is unavailable", 5, null);
        }

        @Override public void insert(StoredRun run, String replica, long leaseExpiresAt) { throw down(); }
        @Override public boolean update(StoredRun run, String replica, Long leaseExpiresAt) { throw down(); }
        @Override public Renewal renew(String runId, StoredRun state, String replica, long leaseExpiresAt) { throw down(); }
        @Override public void appendTrades(Collection<RunTrade> trades) { throw down(); }
        @Override public boolean complete(StoredRun run, EquityCurve equity, String replica) { throw down(); }
        @Override public Optional<StoredRun> find(String id) { throw down(); }
        @Override public List<StoredRun> list(RunFilter filter, int offset, int limit) { throw down(); }
        @Override public long count(RunFilter filter) { throw down(); }
        @Override public List<TradeRow> trades(String runId, int offset, int limit) { throw down(); }
        @Override public long tradeCount(String runId) { throw down(); }
        @Override public EquityCurve equity(String runId) { throw down(); }
        @Override public boolean delete(String runId) { throw down(); }
        @Override public List<StoredRun> expired(String replica, long nowMillis) { throw down(); }
        @Override public List<StoredRun> heldBy(String replica) { throw down(); }
        @Override public boolean interrupt(String runId, String reason, long leaseBefore, long finishedAt) { throw down(); }
        @Override public void ping() { throw down(); }
    }

    @Test
    void downWithAReasonWhenTheDatabaseIsUnreachable() {
        HealthCheckResponse response = new StoreReadinessCheck(new UnreachableStore()).call();
        assertEquals(HealthCheckResponse.Status.DOWN, response.getStatus());
        assertEquals("database unreachable", response.getData().orElseThrow().get("reason"));
    }
}
