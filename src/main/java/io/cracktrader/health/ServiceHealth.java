package io.cracktrader.health;

import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.service.Blocking;
import io.cracktrader.service.RunOrchestrator;
import io.cracktrader.store.Database;
import io.cracktrader.store.RunStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The documented {@code /api/v1/health}: unhealthy when the database is unreachable or the data
 * directory cannot take writes (nothing can be recorded), otherwise healthy, with the figures an operator looks at first.
 */
@ApplicationScoped
public class ServiceHealth {
    private final RunStore store;
    private final RunOrchestrator runs;
    private final ExchangeRegistry exchanges;
    private final Database database;
    private final DataDirectory dataDirectory;
    private final String version;

    public ServiceHealth(RunStore store, RunOrchestrator runs, ExchangeRegistry exchanges, Database database,
                         DataDirectory dataDirectory,
                         @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.store = store;
        this.database = database;
        this.dataDirectory = dataDirectory;
        this.runs = runs;
        this.exchanges = exchanges;
        this.version = version;
    }

    public Uni<HealthView> check() {
        return Blocking.call(this::evaluate);
    }

    /** Which database the service keeps its data in ({@code sqlite} or {@code postgresql}). */
    public String databaseKind() {
        return database.kind();
    }

    /** The same answer as {@link #check()}, on the calling thread (it pings the database). */
    public HealthView evaluateNow() {
        return evaluate();
    }

    private HealthView evaluate() {
        Map<String, HealthView.Check> checks = new LinkedHashMap<>();
        boolean databaseUp = true;
        try {
            store.ping();
            checks.put("database", new HealthView.Check("healthy", "reachable"));
        } catch (RuntimeException e) {
            databaseUp = false;
            checks.put("database", new HealthView.Check("unhealthy", "unreachable"));
        }
        String storage = dataDirectory.problem();
        checks.put("storage", new HealthView.Check(storage == null ? "healthy" : "unhealthy",
                storage == null ? "the data directory takes writes" : storage));
        checks.put("runner", new HealthView.Check("healthy", runs.activeRuns() + " active run(s)"));
        checks.put("exchanges", new HealthView.Check("healthy", "default exchange: " + exchanges.defaultExchange()));

        Runtime rt = Runtime.getRuntime();
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("active_runs", runs.activeRuns());
        metrics.put("uptime_seconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        metrics.put("memory_used_mb", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        metrics.put("memory_max_mb", rt.maxMemory() / (1024 * 1024));
        metrics.put("cpu_count", rt.availableProcessors());
        return new HealthView(databaseUp && storage == null ? "healthy" : "unhealthy", checks, metrics, Instant.now(), version);
    }
}
