package io.cracktrader.security;

import io.cracktrader.store.Database;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The audit log: every state-changing request, who made it and how it was answered. */
@ApplicationScoped
public class AuditLog {

    @RegisterForReflection
    public record Entry(long id, long time, String username, String method, String path, String target, int status,
                        String client) {
    }

    private final Database db;

    public AuditLog(Database db) {
        this.db = db;
    }

    public void record(Entry e) {
        db.write("audit", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (time, username, method, path, target, "
                    + "status, client) VALUES (?,?,?,?,?,?,?)")) {
                ps.setLong(1, e.time());
                ps.setString(2, printable(e.username()));
                ps.setString(3, e.method());
                ps.setString(4, printable(e.path()));
                ps.setString(5, printable(e.target()));
                ps.setInt(6, e.status());
                ps.setString(7, e.client());
                ps.executeUpdate();
            }
        });
    }

    /**
     * What a hostile caller sent (a path with NUL, a username with control characters) is kept readable:
     * control characters become U+FFFD, which every database stores (PostgreSQL refuses NUL).
     */
    public static String printable(String text) {
        return text == null ? null : text.replaceAll("\\p{Cntrl}", "\uFFFD");
    }

    /** Newest first; null filters mean any. */
    public List<Entry> list(String username, String target, Long since, int limit) {
        return db.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT id, time, username, method, path, target, status, client "
                    + "FROM audit_log WHERE 1=1");
            List<Object> args = new ArrayList<>();
            if (username != null) {
                sql.append(" AND username=?");
                args.add(username);
            }
            if (target != null) {
                sql.append(" AND target=?");
                args.add(target);
            }
            if (since != null) {
                sql.append(" AND time>=?");
                args.add(since);
            }
            sql.append(" ORDER BY time DESC, id DESC LIMIT ?");
            args.add(limit);
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<Entry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getInt(7), rs.getString(8)));
                    }
                }
                return out;
            }
        });
    }
}
