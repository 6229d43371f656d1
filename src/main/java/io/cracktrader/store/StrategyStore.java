package io.cracktrader.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Strategy instances of the strategy-management API with their sharing grants, history and signals. */
@ApplicationScoped
public class StrategyStore {
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final String COLUMNS = "id, owner_id, name, description, category, strategy_type, parameters, "
            + "risk_level, tags, timeframe, symbols, exchange, initial_capital, ensemble, status, current_run_id, "
            + "created_at, updated_at";
    /** Columns a list may be sorted by (the strategy-management API's sort_by). */
    public static final Set<String> SORTABLE = Set.of("created_at", "updated_at", "name", "category", "status",
            "risk_level");

    /** Who is asking (sees own and shared strategies; an admin sees all) and what they filter on; nulls mean any. */
    public record Query(String userId, boolean admin, String category, String status, String riskLevel, String search,
                        List<String> tags, String sortBy, boolean descending) {
    }

    public record HistoryEntry(long id, String strategyId, long time, String eventType, String username,
                               Map<String, Object> details) {
    }

    public record Signal(long id, String strategyId, String runId, long time, String symbol, String side, double price,
                         double size, Double pnl) {
    }

    private final Database db;
    private final ObjectMapper json;

    public StrategyStore(Database db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    // ---- strategies ----

    public void insert(ManagedStrategy s) {
        db.write("insert strategy", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO strategies (" + COLUMNS
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                bind(ps, s);
                ps.executeUpdate();
            }
        });
    }

    public void update(ManagedStrategy s) {
        db.write("update strategy", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE strategies SET id=?, owner_id=?, name=?, description=?, "
                    + "category=?, strategy_type=?, parameters=?, risk_level=?, tags=?, timeframe=?, symbols=?, "
                    + "exchange=?, initial_capital=?, ensemble=?, status=?, current_run_id=?, created_at=?, updated_at=? "
                    + "WHERE id=?")) {
                bind(ps, s);
                ps.setString(19, s.id());
                ps.executeUpdate();
            }
        });
    }

    private void bind(PreparedStatement ps, ManagedStrategy s) throws SQLException {
        ps.setString(1, s.id());
        ps.setString(2, s.ownerId());
        ps.setString(3, s.name());
        ps.setString(4, s.description());
        ps.setString(5, s.category());
        ps.setString(6, s.strategyType());
        ps.setString(7, write(s.parameters()));
        ps.setString(8, s.riskLevel());
        ps.setString(9, write(s.tags()));
        ps.setString(10, s.timeframe());
        ps.setString(11, write(s.symbols()));
        ps.setString(12, s.exchange());
        ps.setDouble(13, s.initialCapital());
        ps.setString(14, s.ensemble());
        ps.setString(15, s.status());
        ps.setString(16, s.currentRunId());
        ps.setLong(17, s.createdAt());
        ps.setLong(18, s.updatedAt());
    }

    public boolean delete(String id) {
        return db.writeAndGet("delete strategy", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM strategy_permissions WHERE strategy_id=?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM strategies WHERE id=?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public Optional<ManagedStrategy> find(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM strategies WHERE id=?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.<ManagedStrategy>empty();
                }
            }
        });
    }

    /** Every strategy in a status, across users (e.g. those left running by the last process). */
    public List<ManagedStrategy> withStatus(String status) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM strategies WHERE status=?")) {
                ps.setString(1, status);
                return rows(ps);
            }
        });
    }

    public List<ManagedStrategy> list(Query q, int offset, int limit) {
        return db.read(c -> {
            List<Object> args = new ArrayList<>();
            String where = where(q, args);
            String order = SORTABLE.contains(q.sortBy()) ? q.sortBy() : "created_at";
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM strategies s" + where
                    + " ORDER BY " + order + (q.descending() ? " DESC" : " ASC") + ", id LIMIT ? OFFSET ?")) {
                int i = bindArgs(ps, args);
                ps.setInt(i, limit);
                ps.setInt(i + 1, offset);
                return rows(ps);
            }
        });
    }

    public long count(Query q) {
        return db.read(c -> {
            List<Object> args = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM strategies s" + where(q, args))) {
                bindArgs(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Strategies per category visible to the user, with how many are running. */
    public Map<String, long[]> categoryUsage(String userId, boolean admin) {
        return db.read(c -> {
            List<Object> args = new ArrayList<>();
            String where = where(new Query(userId, admin, null, null, null, null, null, null, false), args);
            try (PreparedStatement ps = c.prepareStatement("SELECT category, COUNT(*), SUM(CASE WHEN status='running' "
                    + "THEN 1 ELSE 0 END) FROM strategies s" + where + " GROUP BY category")) {
                bindArgs(ps, args);
                Map<String, long[]> out = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                    }
                }
                return out;
            }
        });
    }

    private static String where(Query q, List<Object> args) {
        List<String> clauses = new ArrayList<>();
        if (!q.admin()) {
            clauses.add("(s.owner_id = ? OR EXISTS (SELECT 1 FROM strategy_permissions p WHERE p.strategy_id = s.id "
                    + "AND p.user_id = ?))");
            args.add(q.userId());
            args.add(q.userId());
        }
        for (String[] filter : new String[][] {{"category", q.category()}, {"status", q.status()},
                {"risk_level", q.riskLevel()}}) {
            if (filter[1] != null) {
                clauses.add("s." + filter[0] + " = ?");
                args.add(filter[1]);
            }
        }
        if (q.search() != null && !q.search().isBlank()) {
            clauses.add("(LOWER(s.name) LIKE ? OR LOWER(COALESCE(s.description, '')) LIKE ?)");
            String pattern = "%" + q.search().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%";
            args.add(pattern);
            args.add(pattern);
        }
        if (q.tags() != null) {
            for (String tag : q.tags()) {
                // Tags are stored as a JSON array of strings: match the quoted element.
                clauses.add("s.tags LIKE ?");
                args.add("%\"" + tag.replace("\"", "").replace("%", "") + "\"%");
            }
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static int bindArgs(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object arg : args) {
            ps.setString(i++, (String) arg);
        }
        return i;
    }

    private List<ManagedStrategy> rows(PreparedStatement ps) throws SQLException {
        List<ManagedStrategy> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private ManagedStrategy row(ResultSet rs) throws SQLException {
        return new ManagedStrategy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), read(rs.getString(7), OBJECT), rs.getString(8), read(rs.getString(9), STRINGS),
                rs.getString(10), read(rs.getString(11), STRINGS), rs.getString(12), rs.getDouble(13), rs.getString(14),
                rs.getString(15), rs.getString(16), rs.getLong(17), rs.getLong(18));
    }

    // ---- sharing ----

    /** What the user was granted on the strategy (empty when nothing). */
    public Set<String> grants(String strategyId, String userId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT permissions FROM strategy_permissions WHERE strategy_id=? AND user_id=?")) {
                ps.setString(1, strategyId);
                ps.setString(2, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Set.of(rs.getString(1).split(",")) : Set.<String>of();
                }
            }
        });
    }

    /** Replaces the user's grant; an empty set removes it. */
    public void grant(String strategyId, String userId, Set<String> permissions) {
        db.write("share strategy", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM strategy_permissions WHERE strategy_id=? AND user_id=?")) {
                ps.setString(1, strategyId);
                ps.setString(2, userId);
                ps.executeUpdate();
            }
            if (!permissions.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO strategy_permissions (strategy_id, user_id, permissions) VALUES (?,?,?)")) {
                    ps.setString(1, strategyId);
                    ps.setString(2, userId);
                    ps.setString(3, String.join(",", permissions.stream().sorted().toList()));
                    ps.executeUpdate();
                }
            }
        });
    }

    /** User id → permissions of everyone the strategy is shared with. */
    public Map<String, Set<String>> sharedWith(String strategyId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT user_id, permissions FROM strategy_permissions WHERE strategy_id=? ORDER BY user_id")) {
                ps.setString(1, strategyId);
                Map<String, Set<String>> out = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), Set.of(rs.getString(2).split(",")));
                    }
                }
                return out;
            }
        });
    }

    // ---- history ----

    public void history(String strategyId, String eventType, String username, Map<String, Object> details, long time) {
        db.write("strategy history", c -> addHistory(c, strategyId, eventType, username, details, time));
    }

    private void addHistory(Connection c, String strategyId, String eventType, String username,
                            Map<String, Object> details, long time) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO strategy_history (strategy_id, time, event_type, "
                + "username, details) VALUES (?,?,?,?,?)")) {
            ps.setString(1, strategyId);
            ps.setLong(2, time);
            ps.setString(3, eventType);
            ps.setString(4, username);
            ps.setString(5, write(details));
            ps.executeUpdate();
        }
    }

    /** Newest first. */
    public List<HistoryEntry> history(String strategyId, String eventType, Long since, int limit) {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT id, strategy_id, time, event_type, username, details "
                    + "FROM strategy_history WHERE strategy_id=?");
            if (eventType != null) {
                sql.append(" AND event_type=?");
            }
            if (since != null) {
                sql.append(" AND time>=?");
            }
            sql.append(" ORDER BY time DESC, id DESC LIMIT ?");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setString(i++, strategyId);
                if (eventType != null) {
                    ps.setString(i++, eventType);
                }
                if (since != null) {
                    ps.setLong(i++, since);
                }
                ps.setInt(i, limit);
                List<HistoryEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                                rs.getString(5), read(rs.getString(6), OBJECT)));
                    }
                }
                return out;
            }
        });
    }

    // ---- signals ----

    /** Stores a signal; returns it with its id. */
    public Signal signal(Signal s) {
        long id = db.writeAndGet("strategy signal", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO strategy_signals (strategy_id, run_id, time, "
                    + "symbol, side, price, size, pnl) VALUES (?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, s.strategyId());
                ps.setString(2, s.runId());
                ps.setLong(3, s.time());
                ps.setString(4, s.symbol());
                ps.setString(5, s.side());
                ps.setDouble(6, s.price());
                ps.setDouble(7, s.size());
                Columns.setDouble(ps, 8, s.pnl());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    return keys.next() ? keys.getLong(1) : 0L;
                }
            }
        });
        return new Signal(id, s.strategyId(), s.runId(), s.time(), s.symbol(), s.side(), s.price(), s.size(), s.pnl());
    }

    /** Newest first. */
    public List<Signal> signals(String strategyId, Long since, int limit) {
        return db.read(c -> {
            String sql = "SELECT id, strategy_id, run_id, time, symbol, side, price, size, pnl FROM strategy_signals "
                    + "WHERE strategy_id=?" + (since != null ? " AND time>=?" : "") + " ORDER BY time DESC, id DESC LIMIT ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, strategyId);
                if (since != null) {
                    ps.setLong(i++, since);
                }
                ps.setInt(i, limit);
                List<Signal> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Signal(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                rs.getString(5), rs.getString(6), rs.getDouble(7), rs.getDouble(8),
                                Columns.getDouble(rs, 9)));
                    }
                }
                return out;
            }
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return text == null ? null : json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }
}
