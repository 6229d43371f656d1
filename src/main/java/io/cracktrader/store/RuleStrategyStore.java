package io.cracktrader.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** User-defined rule strategies: name, description and the definition as JSON text. */
@ApplicationScoped
public class RuleStrategyStore {

    /** {@code owner}: the username that added it; null for rules added before rules had authors. */
    public record StoredRule(String name, String description, String definition, long createdAt, String owner) {
    }

    private final Database db;

    public RuleStrategyStore(Database db) {
        this.db = db;
    }

    public void insert(StoredRule rule) {
        db.write("insert rule strategy", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO rule_strategies (name, description, definition, created_at, owner) VALUES (?,?,?,?,?)")) {
                ps.setString(1, rule.name());
                ps.setString(2, rule.description());
                ps.setString(3, rule.definition());
                ps.setLong(4, rule.createdAt());
                ps.setString(5, rule.owner());
                ps.executeUpdate();
            }
        });
    }

    public boolean delete(String name) {
        return db.writeAndGet("delete rule strategy", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rule_strategies WHERE name=?")) {
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    public Optional<StoredRule> find(String name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public List<StoredRule> all() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, description, definition, created_at, owner FROM rule_strategies ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                List<StoredRule> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new StoredRule(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5)));
                }
                return out;
            }
        });
    }
}
