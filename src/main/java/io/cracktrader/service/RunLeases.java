package io.cracktrader.service;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.service.view.RunView;
import io.cracktrader.store.Database;
import io.cracktrader.store.RunStore;
import io.cracktrader.store.StoredRun;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Which replica executes which run (docs/ARCHITECTURE.md, "Durability"). Every active run is held
 * by the replica that started it through a lease in its row; a heartbeat renews the leases of this
 * replica's runs (writing their latest figures as it goes, so other replicas show them) every third
 * of the lease. A run whose lease has expired has lost its executor: the first replica to see that
 * ends it as failed, with stop reason {@code interrupted} and its stored fills kept. Nothing else
 * ever closes another replica's run, so replicas sharing one PostgreSQL never fight over a run.
 *
 * <p>With the embedded database this process holds the data directory alone ({@link Database#exclusive()}),
 * so at start every run left active in it was interrupted and is closed at once.
 */
@ApplicationScoped
public class RunLeases {
    private static final Logger LOG = Logger.getLogger(RunLeases.class);

    /** Fired when a run whose executor went away has been closed, so its strategy can say so. */
    public record RunInterrupted(RunView run, String strategyId) {
    }

    private final RunStore store;
    private final RunRegistry registry;
    private final RunRecords records;
    private final RunViews views;
    private final RunEvents events;
    private final Database database;
    private final Event<RunInterrupted> interrupted;
    private final RunMetrics metrics;
    private final StrategyCatalog catalog;
    private final String replica;
    private final long leaseMillis;
    private volatile long lastWarning;
    private final ScheduledExecutorService heartbeat = Daemons.scheduler("run-leases");

    public RunLeases(CracktraderConfig config, RunStore store, RunRegistry registry, RunRecords records, RunViews views,
                     RunEvents events, Database database, Event<RunInterrupted> interrupted, RunMetrics metrics,
                     StrategyCatalog catalog) {
        this.store = store;
        this.registry = registry;
        this.records = records;
        this.views = views;
        this.events = events;
        this.database = database;
        this.interrupted = interrupted;
        this.metrics = metrics;
        this.catalog = catalog;
        this.replica = config.runs().replicaId().orElseGet(RunLeases::defaultReplicaId);
        this.leaseMillis = config.runs().lease().toMillis();
    }

    /** The host name (in Kubernetes, the pod's name) and a random suffix: unique even for two processes on one host. */
    private static String defaultReplicaId() {
        String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElseGet(() -> {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                return "replica";
            }
        });
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** This replica's name, as runs it holds carry it. */
    public String replica() {
        return replica;
    }

    /** When a lease taken or renewed now ends. */
    long expiry() {
        return System.currentTimeMillis() + leaseMillis;
    }

    /** At start, before any run is accepted: close what earlier processes left, then keep the leases going. */
    void start(@Observes @Priority(20) StartupEvent event) {
        LOG.infof("Replica %s; run leases of %d s", replica, leaseMillis / 1000);
        closeLeftByEarlierSelf();
        closeExpired();
        long period = Math.max(100, leaseMillis / 3);
        heartbeat.scheduleWithFixedDelay(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes @Priority(RunExecutor.SHUTDOWN_PRIORITY + 2) ShutdownEvent event) {
        heartbeat.shutdownNow();
    }

    private void beat() {
        try {
            renew();
            closeExpired();
        } catch (RuntimeException | Error e) {
            // The database is away: the next beat tries again. (An Error escaping would end the schedule.)
            warn("Run lease heartbeat failed", e);
        }
    }

    /** A replica that cannot renew loses its runs to another one: say so, once a minute at most. */
    private void warn(String what, Throwable e) {
        long now = System.currentTimeMillis();
        if (now - lastWarning > 60_000) {
            lastWarning = now;
            LOG.warnf(e, "%s: %s", what, e.getMessage());
        }
    }

    /**
     * Renews this replica's leases: with the run's latest figures while it runs, the lease alone
     * while its end is being written (a big backtest's results take seconds). A run another replica
     * has closed meanwhile is stopped here too.
     */
    private void renew() {
        for (ActiveRun run : List.copyOf(registry.all())) {
            if (run.lost) {
                continue;
            }
            RunStore.Renewal renewal;
            try {
                renewal = store.renew(run.id, run.finishing ? null : records.stored(run), replica, expiry());
            } catch (RuntimeException e) {
                // One run's failed renewal must not keep the others from being renewed.
                warn("Could not renew the lease of run " + run.id, e);
                continue;
            }
            // A run whose end was written meanwhile reads as no longer held: that is its own end, not a loss.
            if (renewal == RunStore.Renewal.LOST && !run.finishing && registry.get(run.id) != null) {
                LOG.warnf("Run %s is no longer held by this replica (closed by another, or deleted): stopping it here",
                        run.id);
                run.lost = true;
                run.requestStop(StopReason.INTERRUPTED);
            }
        }
    }

    /**
     * A replica that starts under a name it had before (a configured {@code cracktrader.runs.replica-id},
     * a StatefulSet pod) executes none of the runs that name holds: the process that held them is gone.
     */
    private void closeLeftByEarlierSelf() {
        for (StoredRun run : store.heldBy(replica)) {
            close(run, "Interrupted: the service stopped while this run was active; the fills it had made are kept",
                    Long.MAX_VALUE, "this replica's last process");
        }
    }

    /** Ends every run whose executor went away (its lease expired), keeping what it stored. */
    void closeExpired() {
        // The embedded database is this process's alone: whatever it did not start here has no executor.
        long threshold = database.exclusive() ? Long.MAX_VALUE : System.currentTimeMillis();
        for (StoredRun run : store.expired(replica, threshold)) {
            if (database.exclusive()) {
                close(run, "Interrupted: the service stopped while this run was active; the fills it had made are kept",
                        threshold, "the last process");
            } else {
                close(run, "Interrupted: the replica running it stopped renewing its lease; the fills it had made are kept",
                        threshold, "another replica");
            }
        }
    }

    private void close(StoredRun run, String reason, long leaseBefore, String leftBy) {
        if (!store.interrupt(run.id(), reason, leaseBefore, System.currentTimeMillis())) {
            return; // renewed, ended or closed by another replica meanwhile
        }
        LOG.warnf("Run %s was left active by %s; marked failed (interrupted)", run.id(), leftBy);
        StrategyType type = catalog.find(run.strategyName());
        metrics.interrupted(run.mode(), run.strategyName(), type != null && type.builtIn());
        store.find(run.id()).ifPresent(closed -> {
            RunView view = views.view(closed);
            events.status(view, false, new RunOrigin(closed.owner(), closed.strategyId(), new RunOrigin.Observer() { }));
            interrupted.fire(new RunInterrupted(view, closed.strategyId()));
        });
    }
}
