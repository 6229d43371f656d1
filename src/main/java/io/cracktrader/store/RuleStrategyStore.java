package io.cracktrader.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** User-defined rule strategies: name, description and the definition as JSON text. */
@ApplicationScoped
public class RuleStrategyStore {
    private static final Logger LOG = Logger.getLogger(RuleStrategyStore.class);

    public record StoredRule(String name, String description, String definition, long createdAt) {
    }

    private final DataSource dataSource;

    public RuleStrategyStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void insert(StoredRule rule) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO rule_strategies (name, description, definition, created_at) VALUES (?,?,?,?)")) {
            ps.setString(1, rule.name());
            ps.setString(2, rule.description());
            ps.setString(3, rule.definition());
            ps.setLong(4, rule.createdAt());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public boolean delete(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM rule_strategies WHERE name=?")) {
            ps.setString(1, name);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    public List<StoredRule> all() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT name, description, definition, created_at FROM rule_strategies ORDER BY name");
             ResultSet rs = ps.executeQuery()) {
            List<StoredRule> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new StoredRule(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
            }
            return out;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static StoreUnavailableException unavailable(SQLException e) {
        LOG.errorf(e, "Rule strategy storage failed");
        return new StoreUnavailableException("The database is unavailable", e);
    }
}
