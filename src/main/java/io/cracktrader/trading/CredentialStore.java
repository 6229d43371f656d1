package io.cracktrader.trading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.exchange.xchange.ExchangeCredentials;
import io.cracktrader.security.SecretBox;
import io.cracktrader.store.Database;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Each user's exchange credentials, sealed by {@link SecretBox}; only ever shown back as "configured". */
@ApplicationScoped
public class CredentialStore {

    /** What a response may say about stored credentials. */
    @RegisterForReflection
    public record CredentialView(String exchange, boolean configured, boolean sandbox, Instant updatedAt) {
    }

    private final Database db;
    private final SecretBox box;
    private final ObjectMapper json;

    public CredentialStore(Database db, SecretBox box, ObjectMapper json) {
        this.db = db;
        this.box = box;
        this.json = json;
    }

    public void save(String owner, String exchange, ExchangeCredentials credentials) {
        String sealed;
        try {
            sealed = box.seal(json.writeValueAsString(new Sealed(credentials.apiKey(), credentials.secret(),
                    credentials.password(), credentials.userName())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not encode credentials");
        }
        long now = System.currentTimeMillis();
        db.write("save credentials", c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM exchange_credentials WHERE owner=? AND exchange=?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO exchange_credentials (owner, exchange, sealed, "
                         + "sandbox, updated_at) VALUES (?,?,?,?,?)")) {
                del.setString(1, owner);
                del.setString(2, exchange);
                del.executeUpdate();
                ins.setString(1, owner);
                ins.setString(2, exchange);
                ins.setString(3, sealed);
                ins.setBoolean(4, credentials.sandbox());
                ins.setLong(5, now);
                ins.executeUpdate();
            }
        });
    }

    public Optional<ExchangeCredentials> find(String owner, String exchange) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT sealed, sandbox FROM exchange_credentials "
                    + "WHERE owner=? AND exchange=?")) {
                ps.setString(1, owner);
                ps.setString(2, exchange);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Sealed s = json.readValue(box.open(rs.getString(1)), Sealed.class);
                    return Optional.of(new ExchangeCredentials(s.apiKey(), s.secret(), s.password(), s.userName(),
                            rs.getBoolean(2)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("Stored credentials are unreadable");
                }
            }
        });
    }

    public List<CredentialView> list(String owner) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT exchange, sandbox, updated_at FROM exchange_credentials "
                    + "WHERE owner=? ORDER BY exchange")) {
                ps.setString(1, owner);
                List<CredentialView> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CredentialView(rs.getString(1), true, rs.getBoolean(2),
                                Instant.ofEpochMilli(rs.getLong(3))));
                    }
                }
                return out;
            }
        });
    }

    public boolean delete(String owner, String exchange) {
        return db.writeAndGet("delete credentials", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM exchange_credentials WHERE owner=? AND exchange=?")) {
                ps.setString(1, owner);
                ps.setString(2, exchange);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The sealed JSON; a record of its own so nothing else is ever serialised into it. */
    @RegisterForReflection
    record Sealed(String apiKey, String secret, String password, String userName) {
    }
}
