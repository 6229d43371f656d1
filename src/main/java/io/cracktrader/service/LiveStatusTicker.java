package io.cracktrader.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Running runs report their figures twice a second to live clients, each in its own 50 ms slot of
 * the half second, so that many runs do not send every client an update at the same instant.
 */
@ApplicationScoped
public class LiveStatusTicker {
    private static final Logger LOG = Logger.getLogger(LiveStatusTicker.class);

    private final RunRegistry registry;
    private final RunViews views;
    private final RunEvents events;
    private final ScheduledExecutorService ticker = Daemons.scheduler("run-status-ticker");
    private long tick;

    public LiveStatusTicker(RunRegistry registry, RunViews views, RunEvents events) {
        this.registry = registry;
        this.views = views;
        this.events = events;
    }

    void start(@Observes StartupEvent event) {
        ticker.scheduleAtFixedRate(this::publishRunning, 50, 50, TimeUnit.MILLISECONDS);
    }

    private void publishRunning() {
        long slot = tick++ % RunRegistry.STATUS_SLOTS;
        try {
            for (ActiveRun run : registry.all()) {
                if (run.status == RunStatus.RUNNING && run.statusSlot == slot) {
                    events.status(views.view(run), registry.isRunner(run.id), run.origin);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not publish live status: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        ticker.shutdownNow();
    }
}
