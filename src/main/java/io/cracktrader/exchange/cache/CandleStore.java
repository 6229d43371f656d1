package io.cracktrader.exchange.cache;

import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.store.Database;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Candles downloaded from exchanges, and the ranges of open times already fetched per
 * exchange/symbol/timeframe ({@code candle_ranges}: a range with no candles in it is known to be
 * empty, so it is not asked for again).
 */
@ApplicationScoped
public class CandleStore {

    /** Open times {@code [from, to)} already fetched. */
    public record Range(long from, long to) {
    }

    /** One cached series for the cache listing. */
    @RegisterForReflection
    public record Coverage(String exchange, String symbol, String timeframe, long from, long to, long candles) {
    }

    private final Database db;

    public CandleStore(Database db) {
        this.db = db;
    }

    public List<Range> ranges(String exchange, String symbol, Timeframe timeframe) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT from_time, to_time FROM candle_ranges "
                    + "WHERE exchange=? AND symbol=? AND timeframe=? ORDER BY from_time")) {
                key(ps, exchange, symbol, timeframe);
                List<Range> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Range(rs.getLong(1), rs.getLong(2)));
                    }
                }
                return out;
            }
        });
    }

    /** Stores fetched candles and marks {@code fetched} as covered (merged with touching ranges), atomically. */
    public void save(String exchange, BarSeries bars, Range fetched) {
        String symbol = bars.symbol();
        Timeframe timeframe = bars.timeframe();
        db.write("cache candles", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO candles (exchange, symbol, timeframe, open_time, "
                    + "open, high, low, close, volume) VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                for (int i = 0; i < bars.size(); i++) {
                    key(ps, exchange, symbol, timeframe);
                    ps.setLong(4, bars.time(i));
                    ps.setDouble(5, bars.open(i));
                    ps.setDouble(6, bars.high(i));
                    ps.setDouble(7, bars.low(i));
                    ps.setDouble(8, bars.close(i));
                    ps.setDouble(9, bars.volume(i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            long from = fetched.from();
            long to = fetched.to();
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(from_time), MAX(to_time) FROM candle_ranges "
                    + "WHERE exchange=? AND symbol=? AND timeframe=? AND from_time<=? AND to_time>=?")) {
                key(ps, exchange, symbol, timeframe);
                ps.setLong(4, to);
                ps.setLong(5, from);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        from = Math.min(from, rs.getLong(1));
                        to = Math.max(to, rs.getLong(2));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM candle_ranges WHERE exchange=? AND symbol=? "
                    + "AND timeframe=? AND from_time<=? AND to_time>=?")) {
                key(ps, exchange, symbol, timeframe);
                ps.setLong(4, to);
                ps.setLong(5, from);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO candle_ranges (exchange, symbol, timeframe, "
                    + "from_time, to_time) VALUES (?,?,?,?,?)")) {
                key(ps, exchange, symbol, timeframe);
                ps.setLong(4, from);
                ps.setLong(5, to);
                ps.executeUpdate();
            }
        });
    }

    /** Cached candles opening in {@code [from, to)}. */
    public BarSeries load(String exchange, String symbol, Timeframe timeframe, long from, long to) {
        return db.read(c -> {
            int expected = (int) Math.max(16, Math.min(1 << 20, (to - from) / timeframe.millis() + 1));
            BarSeries bars = new BarSeries(symbol, timeframe, expected);
            try (PreparedStatement ps = c.prepareStatement("SELECT open_time, open, high, low, close, volume FROM candles "
                    + "WHERE exchange=? AND symbol=? AND timeframe=? AND open_time>=? AND open_time<? ORDER BY open_time")) {
                key(ps, exchange, symbol, timeframe);
                ps.setLong(4, from);
                ps.setLong(5, to);
                ps.setFetchSize(5000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        bars.append(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5),
                                rs.getDouble(6));
                    }
                }
            }
            return bars;
        });
    }

    public List<Coverage> coverage() {
        return db.read(c -> {
            List<Coverage> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.exchange, r.symbol, r.timeframe, r.from_time, "
                    + "r.to_time, (SELECT COUNT(*) FROM candles k WHERE k.exchange=r.exchange AND k.symbol=r.symbol "
                    + "AND k.timeframe=r.timeframe AND k.open_time>=r.from_time AND k.open_time<r.to_time) "
                    + "FROM candle_ranges r ORDER BY r.exchange, r.symbol, r.timeframe, r.from_time");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Coverage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6)));
                }
            }
            return out;
        });
    }

    /** Forgets cached candles; null filters match everything. Returns how many candles were removed. */
    public int invalidate(String exchange, String symbol, String timeframe) {
        return db.writeAndGet("invalidate candle cache", c -> {
            delete(c, "candle_ranges", exchange, symbol, timeframe);
            return delete(c, "candles", exchange, symbol, timeframe);
        });
    }

    private static int delete(Connection c, String table, String exchange, String symbol, String timeframe)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE (? IS NULL OR exchange=?) "
                + "AND (? IS NULL OR symbol=?) AND (? IS NULL OR timeframe=?)")) {
            ps.setString(1, exchange);
            ps.setString(2, exchange);
            ps.setString(3, symbol);
            ps.setString(4, symbol);
            ps.setString(5, timeframe);
            ps.setString(6, timeframe);
            return ps.executeUpdate();
        }
    }

    private static void key(PreparedStatement ps, String exchange, String symbol, Timeframe timeframe)
            throws SQLException {
        ps.setString(1, exchange);
        ps.setString(2, symbol);
        ps.setString(3, timeframe.code());
    }
}
