package io.cracktrader.security;

import io.cracktrader.store.Columns;
import io.cracktrader.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Users, their API keys and login sessions, and shared settings. Secrets are stored only as hashes. */
@ApplicationScoped
public class UserStore {

    public record User(String id, String username, String passwordHash, Role role, long createdAt) {
    }

    public record ApiKey(String id, String userId, String name, String secretHash, List<String> permissions,
                         Integer rateLimit, long createdAt, Long expiresAt, Long revokedAt, Long lastUsedAt) {
    }

    public record Session(String id, String userId, long createdAt, long expiresAt, Long revokedAt) {
    }

    private static final String KEY_SELECT = "SELECT id, user_id, name, secret_hash, permissions, rate_limit, created_at, "
            + "expires_at, revoked_at, last_used_at FROM api_keys";

    private final Database db;

    public UserStore(Database db) {
        this.db = db;
    }

    // ---- users ----

    public long userCount() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public void insertUser(User u) {
        db.write("insert user", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO users (id, username, password_hash, role, created_at) VALUES (?,?,?,?,?)")) {
                ps.setString(1, u.id());
                ps.setString(2, u.username());
                ps.setString(3, u.passwordHash());
                ps.setString(4, u.role().code());
                ps.setLong(5, u.createdAt());
                ps.executeUpdate();
            }
        });
    }

    public void updateUser(User u) {
        db.write("update user", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE users SET password_hash=?, role=? WHERE id=?")) {
                ps.setString(1, u.passwordHash());
                ps.setString(2, u.role().code());
                ps.setString(3, u.id());
                ps.executeUpdate();
            }
        });
    }

    public boolean deleteUser(String id) {
        return db.writeAndGet("delete user", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id=?")) {
                ps.setString(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public Optional<User> userById(String id) {
        return oneUser("id", id);
    }

    public Optional<User> userByName(String username) {
        return oneUser("username", username);
    }

    private Optional<User> oneUser(String column, String value) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, username, password_hash, role, created_at FROM users WHERE " + column + "=?")) {
                ps.setString(1, value);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(user(rs)) : Optional.<User>empty();
                }
            }
        });
    }

    public List<User> users() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, username, password_hash, role, created_at FROM users ORDER BY username");
                 ResultSet rs = ps.executeQuery()) {
                List<User> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(user(rs));
                }
                return out;
            }
        });
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString(1), rs.getString(2), rs.getString(3), Role.parse(rs.getString(4)).orElse(Role.VIEWER),
                rs.getLong(5));
    }

    // ---- API keys ----

    public void insertKey(ApiKey k) {
        db.write("insert api key", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_keys (id, user_id, name, secret_hash, "
                    + "permissions, rate_limit, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setString(1, k.id());
                ps.setString(2, k.userId());
                ps.setString(3, k.name());
                ps.setString(4, k.secretHash());
                ps.setString(5, String.join(",", k.permissions()));
                Columns.setInteger(ps, 6, k.rateLimit());
                ps.setLong(7, k.createdAt());
                Columns.setLong(ps, 8, k.expiresAt());
                ps.executeUpdate();
            }
        });
    }

    public Optional<ApiKey> key(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(KEY_SELECT + " WHERE id=?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(key(rs)) : Optional.<ApiKey>empty();
                }
            }
        });
    }

    public List<ApiKey> keysOf(String userId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(KEY_SELECT + " WHERE user_id=? ORDER BY created_at")) {
                ps.setString(1, userId);
                List<ApiKey> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(key(rs));
                    }
                }
                return out;
            }
        });
    }

    public boolean revokeKey(String id, long now) {
        return db.writeAndGet("revoke api key", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE api_keys SET revoked_at=? WHERE id=? AND revoked_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public void touchKey(String id, long now) {
        db.write("touch api key", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_keys SET last_used_at=? WHERE id=?")) {
                ps.setLong(1, now);
                ps.setString(2, id);
                ps.executeUpdate();
            }
        });
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        Integer rateLimit = Columns.getInteger(rs, 6);
        return new ApiKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                List.of(rs.getString(5).split(",")), rateLimit, rs.getLong(7), Columns.getLong(rs, 8), Columns.getLong(rs, 9),
                Columns.getLong(rs, 10));
    }

    // ---- sessions ----

    /** Opens a session whose refresh token is {@code refreshId}, revoking the user's oldest ones beyond {@code maxSessions}. */
    public void openSession(Session s, String refreshId, int maxSessions) {
        db.write("open session", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sessions (id, user_id, created_at, expires_at, refresh_id) VALUES (?,?,?,?,?)")) {
                ps.setString(1, s.id());
                ps.setString(2, s.userId());
                ps.setLong(3, s.createdAt());
                ps.setLong(4, s.expiresAt());
                ps.setString(5, refreshId);
                ps.executeUpdate();
            }
            List<String> live = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM sessions WHERE user_id=? AND revoked_at IS NULL "
                    + "AND expires_at > ? ORDER BY created_at DESC, id")) {
                ps.setString(1, s.userId());
                ps.setLong(2, s.createdAt());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        live.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked_at=? WHERE id=?")) {
                for (String old : live.subList(Math.min(live.size(), maxSessions), live.size())) {
                    ps.setLong(1, s.createdAt());
                    ps.setString(2, old);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            // Expired sessions are of no use to anyone: keep the table small.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE expires_at < ?")) {
                ps.setLong(1, s.createdAt() - 86_400_000L);
                ps.executeUpdate();
            }
        });
    }

    public Optional<Session> session(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, user_id, created_at, expires_at, revoked_at FROM sessions WHERE id=?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Session(rs.getString(1), rs.getString(2), rs.getLong(3),
                            rs.getLong(4), Columns.getLong(rs, 5))) : Optional.<Session>empty();
                }
            }
        });
    }

    /**
     * Moves the session from refresh token {@code used} to {@code next}, atomically; false when {@code used}
     * is not the session's current one (it was used before: the caller revokes the session).
     */
    public boolean rotateRefresh(String sessionId, String used, String next) {
        return db.writeAndGet("rotate refresh token", c -> {
            try (PreparedStatement ps = c.prepareStatement(used == null
                    ? "UPDATE sessions SET refresh_id=? WHERE id=? AND refresh_id IS NULL AND revoked_at IS NULL"
                    : "UPDATE sessions SET refresh_id=? WHERE id=? AND refresh_id=? AND revoked_at IS NULL")) {
                ps.setString(1, next);
                ps.setString(2, sessionId);
                if (used != null) {
                    ps.setString(3, used);
                }
                return ps.executeUpdate() == 1;
            }
        });
    }

    public void revokeSession(String id, long now) {
        db.write("revoke session", c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE sessions SET revoked_at=? WHERE id=? AND revoked_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, id);
                ps.executeUpdate();
            }
        });
    }

    /** Revokes every session of a user (password change, role change, deletion). */
    public void revokeSessionsOf(String userId, long now) {
        db.write("revoke sessions", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sessions SET revoked_at=? WHERE user_id=? AND revoked_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, userId);
                ps.executeUpdate();
            }
        });
    }

    // ---- settings ----

    /** The stored value, or {@code candidate} stored now if there was none; every replica ends with the same value. */
    public String settingOrInit(String name, String candidate) {
        Optional<String> existing = setting(name);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            db.write("init setting", c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO settings (name, value) VALUES (?,?)")) {
                    ps.setString(1, name);
                    ps.setString(2, candidate);
                    ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            // Another replica stored it first: use theirs.
        }
        return setting(name).orElseThrow(() -> new IllegalStateException("Setting " + name + " could not be stored"));
    }

    private Optional<String> setting(String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM settings WHERE name=?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }
}
