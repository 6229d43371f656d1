package io.cracktrader.store;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Runs the suite on PostgreSQL when {@code CRACKTRADER_TEST_POSTGRES_URL} names a server (a JDBC URL
 * of any database there, with {@code CRACKTRADER_TEST_POSTGRES_USER} / {@code _PASSWORD} allowed to
 * create databases): every application start gets a fresh database of its own, dropped afterwards,
 * as the embedded default gets a fresh data directory. Without the variable, nothing changes.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {
    private String url;
    private String user;
    private String password;
    private String database;

    @Override
    public Map<String, String> start() {
        url = System.getenv("CRACKTRADER_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            return Map.of();
        }
        user = System.getenv().getOrDefault("CRACKTRADER_TEST_POSTGRES_USER", "cracktrader");
        password = System.getenv().getOrDefault("CRACKTRADER_TEST_POSTGRES_PASSWORD", "cracktrader");
        database = "cracktrader_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + database);
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        return Map.of("quarkus.datasource.postgresql.jdbc.url", base + database,
                "quarkus.datasource.postgresql.username", user,
                "quarkus.datasource.postgresql.password", password);
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for the tests: " + e.getMessage(), e);
        }
    }
}
