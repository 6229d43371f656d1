package io.cracktrader.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.engine.metrics.EquityCurve;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** {@link RunStore} over JDBC, on whichever {@link Database} is configured. */
@ApplicationScoped
public class JdbcRunStore implements RunStore {
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    private static final String COLUMNS = "id, mode, strategy_name, exchange, symbols, timeframe, request, status, "
            + "error, created_at, started_at, finished_at, runtime_seconds, progress, bars_processed, initial_cash, "
            + "cash, equity, trade_count, metrics, positions, owner, strategy_id, stop_reason";
    private static final String ACTIVE = "status IN ('starting', 'running')";

    private final Database db;
    private final ObjectMapper json;

    public JdbcRunStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    @Override
    public void insert(StoredRun r, String replica, long leaseExpiresAt) {
        write("insert run", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (" + COLUMNS + ", replica, lease_expires_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, r.id());
                ps.setString(2, r.mode());
                ps.setString(3, r.strategyName());
                ps.setString(4, r.exchange());
                ps.setString(5, toJson(r.symbols()));
                ps.setString(6, r.timeframe());
                ps.setString(7, r.request());
                bindState(ps, 8, r);
                ps.setString(22, r.owner());
                ps.setString(23, r.strategyId());
                ps.setString(24, r.stopReason());
                ps.setString(25, replica);
                ps.setLong(26, leaseExpiresAt);
                ps.executeUpdate();
            }
        });
    }

    /** Binds status … positions (14 values) starting at {@code i}, in {@link #COLUMNS} order. */
    private static void bindState(PreparedStatement ps, int i, StoredRun r) throws SQLException {
        ps.setString(i, r.status());
        ps.setString(i + 1, r.error());
        ps.setLong(i + 2, r.createdAt());
        Columns.setLong(ps, i + 3, r.startedAt());
        Columns.setLong(ps, i + 4, r.finishedAt());
        Columns.setDouble(ps, i + 5, r.runtimeSeconds());
        ps.setDouble(i + 6, r.progress());
        ps.setLong(i + 7, r.barsProcessed());
        ps.setDouble(i + 8, r.initialCash());
        Columns.setDouble(ps, i + 9, r.cash());
        Columns.setDouble(ps, i + 10, r.equity());
        ps.setInt(i + 11, r.tradeCount());
        ps.setString(i + 12, r.metrics());
        ps.setString(i + 13, r.positions());
    }

    @Override
    public boolean update(StoredRun r, String replica, Long leaseExpiresAt) {
        return db.writeAndGet("update run", c -> updateRow(c, r, replica, leaseExpiresAt));
    }

    /** The state of a run the replica holds; a null lease releases it (the run has ended). */
    private static boolean updateRow(Connection c, StoredRun r, String replica, Long leaseExpiresAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status=?, error=?, created_at=?, started_at=?, "
                + "finished_at=?, runtime_seconds=?, progress=?, bars_processed=?, initial_cash=?, cash=?, equity=?, "
                + "trade_count=?, metrics=?, positions=?, stop_reason=?, lease_expires_at=? WHERE id=? AND replica=? AND "
                + ACTIVE)) {
            bindState(ps, 1, r);
            ps.setString(15, r.stopReason());
            Columns.setLong(ps, 16, leaseExpiresAt);
            ps.setString(17, r.id());
            ps.setString(18, replica);
            return ps.executeUpdate() > 0;
        }
    }

    @Override
    public Renewal renew(String runId, StoredRun state, String replica, long leaseExpiresAt) {
        return db.writeAndGet("renew run lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT replica, status FROM runs WHERE id=?" + skipLocked())) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return exists(c, runId) ? Renewal.BUSY : Renewal.LOST;
                    }
                    if (!replica.equals(rs.getString(1)) || !List.of("starting", "running").contains(rs.getString(2))) {
                        return Renewal.LOST;
                    }
                }
            }
            if (state != null) {
                updateRow(c, state, replica, leaseExpiresAt);
            } else {
                try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET lease_expires_at=? WHERE id=?")) {
                    ps.setLong(1, leaseExpiresAt);
                    ps.setString(2, runId);
                    ps.executeUpdate();
                }
            }
            return Renewal.HELD;
        });
    }

    /**
     * PostgreSQL: lock the row only if nobody else is writing it. SQLite has one writer at a time and
     * no row locks; only this process uses the file (docs/ARCHITECTURE.md, "Durability").
     */
    private String skipLocked() {
        return db.exclusive() ? "" : " FOR UPDATE SKIP LOCKED";
    }

    private static boolean exists(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM runs WHERE id=?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @Override
    public void appendTrades(Collection<RunTrade> trades) {
        if (trades.isEmpty()) {
            return;
        }
        // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a fill is written once, whoever retries.
        write("append fills", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_trades (run_id, seq, time, symbol, side, "
                    + "size, price, commission, pnl) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                for (RunTrade rt : trades) {
                    TradeRow t = rt.trade();
                    ps.setString(1, rt.runId());
                    ps.setInt(2, t.seq());
                    ps.setLong(3, t.time());
                    ps.setString(4, t.symbol());
                    ps.setString(5, t.side());
                    ps.setDouble(6, t.size());
                    ps.setDouble(7, t.price());
                    ps.setDouble(8, t.commission());
                    Columns.setDouble(ps, 9, t.pnl());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    @Override
    public boolean complete(StoredRun r, EquityCurve equity, String replica) {
        return db.writeAndGet("complete run", c -> {
            if (!updateRow(c, r, replica, null)) {
                return false;
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM run_equity WHERE run_id=?")) {
                del.setString(1, r.id());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO run_equity (run_id, points, data) VALUES (?,?,?)")) {
                ps.setString(1, r.id());
                ps.setInt(2, equity.size());
                ps.setBytes(3, pack(equity));
                ps.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<StoredRun> find(String id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE id=?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<StoredRun>empty();
                }
            }
        });
    }

    @Override
    public List<StoredRun> list(RunFilter f, int offset, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs" + where(f)
                    + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")) {
                int i = bindFilter(ps, f);
                ps.setInt(i, limit);
                ps.setInt(i + 1, offset);
                return rows(ps);
            }
        });
    }

    @Override
    public long count(RunFilter f) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM runs" + where(f))) {
                bindFilter(ps, f);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private static String where(RunFilter f) {
        List<String> clauses = new ArrayList<>();
        if (f.status() != null) {
            clauses.add("status = ?");
        }
        if (f.mode() != null) {
            clauses.add("mode = ?");
        }
        if (f.strategyName() != null) {
            clauses.add("strategy_name = ?");
        }
        if (f.strategyId() != null) {
            clauses.add("strategy_id = ?");
        }
        if (f.owner() != null) {
            clauses.add("owner = ?");
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static int bindFilter(PreparedStatement ps, RunFilter f) throws SQLException {
        int i = 1;
        for (String value : new String[] {f.status(), f.mode(), f.strategyName(), f.strategyId(), f.owner()}) {
            if (value != null) {
                ps.setString(i++, value);
            }
        }
        return i;
    }

    @Override
    public List<TradeRow> trades(String runId, int offset, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, time, symbol, side, size, price, commission, "
                    + "pnl FROM run_trades WHERE run_id=? ORDER BY seq LIMIT ? OFFSET ?")) {
                ps.setString(1, runId);
                ps.setInt(2, limit);
                ps.setInt(3, offset);
                List<TradeRow> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Double pnl = Columns.getDouble(rs, 8);
                        out.add(new TradeRow(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getDouble(5), rs.getDouble(6), rs.getDouble(7), pnl));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long tradeCount(String runId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM run_trades WHERE run_id=?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    @Override
    public EquityCurve equity(String runId) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT points, data FROM run_equity WHERE run_id=?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? unpack(rs.getInt(1), rs.getBytes(2)) : new EquityCurve(0);
                }
            }
        });
    }

    @Override
    public boolean delete(String runId) {
        boolean[] deleted = new boolean[1];
        write("delete run", c -> {
            for (String table : new String[] {"run_trades", "run_equity"}) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE run_id=?")) {
                    ps.setString(1, runId);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM runs WHERE id=?")) {
                ps.setString(1, runId);
                deleted[0] = ps.executeUpdate() > 0;
            }
        });
        return deleted[0];
    }

    private List<StoredRun> rows(PreparedStatement ps) throws SQLException {
        List<StoredRun> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    @Override
    public List<StoredRun> expired(String replica, long nowMillis) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE " + ACTIVE
                    + " AND (lease_expires_at IS NULL OR lease_expires_at < ?) AND (replica IS NULL OR replica <> ?)")) {
                ps.setLong(1, nowMillis);
                ps.setString(2, replica);
                return rows(ps);
            }
        });
    }

    @Override
    public List<StoredRun> heldBy(String replica) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs WHERE " + ACTIVE
                    + " AND replica=?")) {
                ps.setString(1, replica);
                return rows(ps);
            }
        });
    }

    @Override
    public boolean interrupt(String runId, String reason, long leaseBefore, long finishedAt) {
        return db.writeAndGet("interrupt run", c -> {
            // The lease condition is checked under the row's lock: a replica that renewed its lease
            // meanwhile keeps its run, of two replicas closing it only one changes the row, and a row
            // being written just now (its replica finishing it) is left for the next beat, unwaited.
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM runs WHERE id=? AND " + ACTIVE
                    + " AND (lease_expires_at IS NULL OR lease_expires_at < ?)" + skipLocked())) {
                ps.setString(1, runId);
                ps.setLong(2, leaseBefore);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET status='failed', error=?, "
                    + "stop_reason='interrupted', finished_at=?, lease_expires_at=NULL, "
                    + "trade_count=(SELECT COUNT(*) FROM run_trades t WHERE t.run_id=runs.id) WHERE id=? AND " + ACTIVE
                    + " AND (lease_expires_at IS NULL OR lease_expires_at < ?)")) {
                ps.setString(1, reason);
                ps.setLong(2, finishedAt);
                ps.setString(3, runId);
                ps.setLong(4, leaseBefore);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void ping() {
        read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM runs WHERE 1=0")) {
                ps.executeQuery().close();
                return null;
            }
        });
    }

    private StoredRun row(ResultSet rs) throws SQLException {
        return new StoredRun(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                fromJson(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getLong(10), Columns.getLong(rs, 11), Columns.getLong(rs, 12), Columns.getDouble(rs, 13), rs.getDouble(14), rs.getLong(15),
                rs.getDouble(16), Columns.getDouble(rs, 17), Columns.getDouble(rs, 18), rs.getInt(19), rs.getString(20),
                rs.getString(21), rs.getString(22), rs.getString(23), rs.getString(24));
    }

    /** 32 bytes a point: time, value, cash, benchmark. */
    static byte[] pack(EquityCurve e) {
        ByteBuffer buf = ByteBuffer.allocate(e.size() * 32);
        for (int i = 0; i < e.size(); i++) {
            buf.putLong(e.time(i)).putDouble(e.value(i)).putDouble(e.cash(i)).putDouble(e.benchmark(i));
        }
        return buf.array();
    }

    /** Reads 32-byte points, or the 24-byte points (no benchmark) written before the benchmark existed. */
    static EquityCurve unpack(int points, byte[] data) {
        EquityCurve e = new EquityCurve(points);
        ByteBuffer buf = ByteBuffer.wrap(data);
        boolean withBenchmark = points > 0 && data.length == points * 32;
        for (int i = 0; i < points; i++) {
            e.record(buf.getLong(), buf.getDouble(), buf.getDouble(), withBenchmark ? buf.getDouble() : Double.NaN);
        }
        return e;
    }

    private String toJson(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> fromJson(String text) {
        try {
            return json.readValue(text, STRING_LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
    private void write(String what, Database.Work work) {
        db.write(what, work);
    }

    private <T> T read(Database.Query<T> query) {
        return db.read(query);
    }
}
