package io.cracktrader.trading;

import io.cracktrader.store.Columns;
import io.cracktrader.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The orders table. Methods taking a {@link Connection} join the caller's transaction. */
@ApplicationScoped
public class OrderStore {
    private static final String COLUMNS = "id, owner, exchange, client_order_id, exchange_order_id, symbol, side, type, "
            + "amount, price, stop_price, status, filled, average_price, fee, locked, reason, created_at, updated_at";

    private final Database db;

    public OrderStore(Database db) {
        this.db = db;
    }

    public Database db() {
        return db;
    }

    /** Inserts, or returns false when the owner already has an order with that client id on that exchange. */
    public boolean insert(OrderRecord o) {
        try {
            db.write("insert order", c -> insert(c, o));
            return true;
        } catch (RuntimeException e) {
            if (findByClientId(o.owner(), o.exchange(), o.clientOrderId()).isPresent()) {
                return false; // lost a race with a concurrent submission of the same client_order_id
            }
            throw e;
        }
    }

    static void insert(Connection c, OrderRecord o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (" + COLUMNS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, o.id());
            ps.setString(2, o.owner());
            ps.setString(3, o.exchange());
            ps.setString(4, o.clientOrderId());
            ps.setString(5, o.exchangeOrderId());
            ps.setString(6, o.symbol());
            ps.setString(7, o.side());
            ps.setString(8, o.type());
            ps.setDouble(9, o.amount());
            Columns.setDouble(ps, 10, o.price());
            Columns.setDouble(ps, 11, o.stopPrice());
            ps.setString(12, o.status());
            ps.setDouble(13, o.filled());
            Columns.setDouble(ps, 14, o.averagePrice());
            ps.setDouble(15, o.fee());
            ps.setDouble(16, o.locked());
            ps.setString(17, o.reason());
            ps.setLong(18, o.createdAt());
            ps.setLong(19, o.updatedAt());
            ps.executeUpdate();
        }
    }

    public void update(OrderRecord o) {
        db.write("update order", c -> update(c, o));
    }

    static void update(Connection c, OrderRecord o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET exchange_order_id=?, status=?, filled=?, "
                + "average_price=?, fee=?, locked=?, reason=?, updated_at=? WHERE id=?")) {
            ps.setString(1, o.exchangeOrderId());
            ps.setString(2, o.status());
            ps.setDouble(3, o.filled());
            Columns.setDouble(ps, 4, o.averagePrice());
            ps.setDouble(5, o.fee());
            ps.setDouble(6, o.locked());
            ps.setString(7, o.reason());
            ps.setLong(8, o.updatedAt());
            ps.setString(9, o.id());
            ps.executeUpdate();
        }
    }

    public Optional<OrderRecord> find(String id) {
        return db.read(c -> first(c, "SELECT " + COLUMNS + " FROM orders WHERE id=?", id));
    }

    static Optional<OrderRecord> find(Connection c, String id) throws SQLException {
        return first(c, "SELECT " + COLUMNS + " FROM orders WHERE id=?", id);
    }

    public Optional<OrderRecord> findByClientId(String owner, String exchange, String clientOrderId) {
        return db.read(c -> first(c, "SELECT " + COLUMNS + " FROM orders WHERE owner=? AND exchange=? AND client_order_id=?",
                owner, exchange, clientOrderId));
    }

    /** Newest first; null filters match everything. */
    public List<OrderRecord> list(String owner, String exchange, List<String> statuses, String symbol, int limit) {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM orders WHERE owner=?");
            List<Object> args = new ArrayList<>(List.of(owner));
            if (exchange != null) {
                sql.append(" AND exchange=?");
                args.add(exchange);
            }
            if (symbol != null) {
                sql.append(" AND symbol=?");
                args.add(symbol);
            }
            if (statuses != null && !statuses.isEmpty()) {
                sql.append(" AND status IN (").append("?,".repeat(statuses.size() - 1)).append("?)");
                args.addAll(statuses);
            }
            sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
            args.add(limit);
            return all(c, sql.toString(), args.toArray());
        });
    }

    /** Filled and partly filled orders of an owner on an exchange, oldest first (for positions). */
    public List<OrderRecord> executed(String owner, String exchange) {
        return db.read(c -> all(c, "SELECT " + COLUMNS + " FROM orders WHERE owner=? AND exchange=? AND filled>0 "
                + "ORDER BY updated_at, id", owner, exchange));
    }

    /** Orders still working on an exchange, every owner's (the simulated venue's matcher). */
    public List<OrderRecord> working(String exchange) {
        return db.read(c -> all(c, "SELECT " + COLUMNS + " FROM orders WHERE exchange=? AND status IN (?,?) "
                + "ORDER BY created_at", exchange, OrderRecord.OPEN, OrderRecord.PARTIALLY_FILLED));
    }

    private static Optional<OrderRecord> first(Connection c, String sql, Object... args) throws SQLException {
        List<OrderRecord> rows = all(c, sql, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<OrderRecord> all(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<OrderRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OrderRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getDouble(9),
                            Columns.getDouble(rs, 10), Columns.getDouble(rs, 11), rs.getString(12), rs.getDouble(13), Columns.getDouble(rs, 14),
                            rs.getDouble(15), rs.getDouble(16), rs.getString(17), rs.getLong(18), rs.getLong(19)));
                }
            }
            return out;
        }
    }
}
