package io.cracktrader.store;

import io.agroal.api.AgroalDataSource;
import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.error.MalformedRequestException;
import io.cracktrader.error.UnavailableException;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.flyway.FlywayDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * The one database every store uses, chosen at run time: PostgreSQL when
 * {@code CRACKTRADER_DATABASE_URL} is set (deployments with several replicas), otherwise an embedded
 * SQLite file in the data directory (no server to install, and it works in the native executable).
 * Both carry the same schema, migrated by Flyway from {@code db/migration/<kind>} and, for migrations written
 * in SQL both accept, {@code db/migration/common}, at startup.
 */
@ApplicationScoped
public class Database {
    private static final Logger LOG = Logger.getLogger(Database.class);
    /** SQLite's primary result code for "database or disk is full". */
    private static final int SQLITE_FULL = 13;

    private final AgroalDataSource dataSource;
    private final Flyway flyway;
    private final boolean embedded;
    private final CracktraderConfig config;
    /** SQLite allows one writer at a time: waiting here is cheaper and clearer than "database is locked". */
    private final ReentrantLock embeddedWriteLock = new ReentrantLock();
    private FileChannel dataDirChannel;

    public Database(AgroalDataSource sqlite, Flyway sqliteFlyway,
                    @DataSource("postgresql") InjectableInstance<AgroalDataSource> postgres,
                    @FlywayDataSource("postgresql") InjectableInstance<Flyway> postgresFlyway,
                    CracktraderConfig config) {
        List<AgroalDataSource> server = postgres.listActive();
        this.embedded = server.isEmpty();
        this.dataSource = embedded ? sqlite : server.get(0);
        this.flyway = embedded ? sqliteFlyway : postgresFlyway.getActive();
        this.config = config;
    }

    /**
     * Creates the data directory, takes it for this process (embedded database) and brings the schema
     * up to date before anything else runs.
     */
    void migrate(@Observes @Priority(10) StartupEvent event) throws IOException {
        Path dir = Path.of(config.dataDir());
        Files.createDirectories(dir);
        LOG.infof("Data directory: %s; database: %s", dir.toAbsolutePath().normalize(), kind());
        if (embedded) {
            lockDataDirectory(dir);
        }
        flyway.migrate();
    }

    /**
     * One process per embedded database: a second one on the same data directory would run beside the
     * first with its own idea of which runs are active. Holding this lock is what lets a starting
     * process treat every run left active in the file as interrupted (docs/ARCHITECTURE.md, "Durability").
     * The operating system releases it when the process dies, however it dies.
     */
    private void lockDataDirectory(Path dir) throws IOException {
        dataDirChannel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = dataDirChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            dataDirChannel.close();
            throw new IllegalStateException("Another Cracktrader process is using the data directory "
                    + dir.toAbsolutePath().normalize() + "; stop it, or give this one its own CRACKTRADER_DATA_DIR");
        }
    }

    void release(@Observes ShutdownEvent event) throws IOException {
        if (dataDirChannel != null) {
            dataDirChannel.close();
        }
    }

    /** True for the embedded database: this process is the only one using it. */
    public boolean exclusive() {
        return embedded;
    }

    /** {@code sqlite} or {@code postgresql}. */
    public String kind() {
        return embedded ? "sqlite" : "postgresql";
    }

    @FunctionalInterface
    public interface Work {
        void run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    public interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction; any failure rolls it back and surfaces as "database unavailable". */
    public void write(String what, Work work) {
        if (embedded) {
            embeddedWriteLock.lock();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e, "write (" + what + ")");
        } finally {
            if (embedded) {
                embeddedWriteLock.unlock();
            }
        }
    }

    /**
     * Rolls back after a failed statement. SQLite has already rolled back after some failures (a full
     * disk): the rollback's own error must not hide the failure that says what happened.
     */
    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** {@link #write} returning a value. */
    public <T> T writeAndGet(String what, Query<T> work) {
        Object[] result = new Object[1];
        write(what, c -> result[0] = work.run(c));
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    public <T> T read(Query<T> query) {
        try (Connection c = dataSource.getConnection()) {
            return query.run(c);
        } catch (SQLException e) {
            throw failure(e, "read");
        }
    }

    /**
     * What a failed statement means for the caller. Text PostgreSQL cannot store (a NUL character,
     * SQLSTATE 22021, or one the encoding lacks, 22P05; SQLite stores both) is the caller's input,
     * not an outage. A full disk (SQLite's SQLITE_FULL, PostgreSQL's 53100) says so; everything else is
     * the database being unavailable. Both are 503 with Retry-After (docs/API-CONTRACT.md, "Errors").
     */
    private RuntimeException failure(SQLException e, String what) {
        if ("22021".equals(e.getSQLState()) || "22P05".equals(e.getSQLState())) {
            LOG.debugf("Database %s refused the text it was given: %s", what, e.getMessage());
            return new MalformedRequestException("The request holds a character that cannot be stored (such as NUL)");
        }
        if (diskFull(e)) {
            LOG.errorf("Database %s failed: the disk is full (%s)", what, e.getMessage());
            return new UnavailableException(DISK_FULL, 30, e);
        }
        LOG.errorf(e, "Database %s failed", what);
        return new UnavailableException("The database is unavailable", 5, e);
    }

    /** What a write answers while the data volume is full. */
    public static final String DISK_FULL = "The service's storage is full: nothing can be recorded until an operator "
            + "frees space";

    private boolean diskFull(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (embedded ? s.getErrorCode() == SQLITE_FULL : "53100".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
