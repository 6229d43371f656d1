package io.cracktrader.health;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.service.Daemons;
import io.cracktrader.store.RunStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What readiness says, as metrics, so alerts can watch it (k8s/monitoring/alert-rules.yml):
 * {@code cracktrader_ready} (every readiness check up), {@code cracktrader_database_up} and
 * {@code cracktrader_data_volume_free_bytes}. The checks run every 10 s on a thread of their own,
 * never on a scrape, so a slow database cannot stall Prometheus.
 */
@ApplicationScoped
public class HealthMetrics {
    private static final Logger LOG = Logger.getLogger(HealthMetrics.class);
    private static final long PERIOD_SECONDS = 10;

    private final SmallRyeHealthReporter health;
    private final RunStore store;
    private final Path dataDir;
    private final ScheduledExecutorService checks = Daemons.scheduler("health-metrics");
    private volatile double ready = 1;
    private volatile double databaseUp = 1;
    private volatile double freeBytes = Double.NaN;

    public HealthMetrics(SmallRyeHealthReporter health, RunStore store, CracktraderConfig config, MeterRegistry meters) {
        this.health = health;
        this.store = store;
        this.dataDir = Path.of(config.dataDir());
        Gauge.builder("cracktrader.ready", this, m -> m.ready)
                .description("1 while every readiness check is up (GET /q/health/ready)").register(meters);
        Gauge.builder("cracktrader.database.up", this, m -> m.databaseUp)
                .description("1 while the database answers").register(meters);
        Gauge.builder("cracktrader.data.volume.free", this, m -> m.freeBytes).baseUnit("bytes")
                .description("Usable space left on the data directory's volume").register(meters);
    }

    void start(@Observes StartupEvent event) {
        checks.scheduleWithFixedDelay(this::refresh, 0, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        checks.shutdownNow();
    }

    private void refresh() {
        try {
            ready = health.getReadiness().isDown() ? 0 : 1;
        } catch (RuntimeException e) {
            ready = 0;
        }
        try {
            store.ping();
            databaseUp = 1;
        } catch (RuntimeException e) {
            databaseUp = 0;
        }
        try {
            freeBytes = Files.getFileStore(dataDir).getUsableSpace();
        } catch (IOException e) {
            LOG.debugf("Cannot read the free space of %s: %s", dataDir, e.getMessage());
            freeBytes = Double.NaN;
        }
    }
}
