package io.cracktrader.service.strategy;

import io.cracktrader.security.Caller;
import io.cracktrader.service.Daemons;
import io.cracktrader.service.RunOrchestrator;
import io.cracktrader.service.RunOrigin;
import io.cracktrader.service.RunQueries;
import io.cracktrader.service.RunSpec;
import io.cracktrader.service.StopReason;
import io.cracktrader.service.strategy.StrategyViews.EnsembleView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.cracktrader.store.ManagedStrategy;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs an ensemble: one paper run per member with its weight of the capital, watched together.
 * Twice a second the combined value is checked against the risk limits: beyond {@code max_drawdown}
 * from its peak, or {@code stop_loss} below the starting capital, every member run is stopped.
 * Members keep the capital they started with (rebalancing between running members is not done yet).
 */
@ApplicationScoped
public class EnsembleSupervisor {
    private static final Logger LOG = Logger.getLogger(EnsembleSupervisor.class);
    /** Rebalance frequencies accepted (and stored) for ensembles. */
    public static final Map<String, Long> REBALANCE = rebalance();

    /** Combined figures of a running ensemble. */
    public record Figures(double value, int positions) {
    }

    private static final class Session {
        final String ensembleId;
        final String sessionId;
        final List<String> runIds;
        final double capital;
        final Double maxDrawdown;
        final Double stopLoss;
        volatile double peak;
        volatile double value;
        volatile int positions;

        Session(String ensembleId, String sessionId, List<String> runIds, double capital, Map<String, Double> risk) {
            this.ensembleId = ensembleId;
            this.sessionId = sessionId;
            this.runIds = runIds;
            this.capital = capital;
            this.maxDrawdown = risk.get("max_drawdown");
            this.stopLoss = risk.get("stop_loss");
            this.peak = capital;
            this.value = capital;
        }
    }

    private final RunOrchestrator runs;
    private final RunQueries queries;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Daemons.scheduler("ensemble-supervisor");
    private volatile StrategyManager manager;

    public EnsembleSupervisor(RunOrchestrator runs, RunQueries queries) {
        this.runs = runs;
        this.queries = queries;
        watcher.scheduleWithFixedDelay(this::check, 500, 500, TimeUnit.MILLISECONDS);
    }

    void shutdown(@Observes ShutdownEvent event) {
        watcher.shutdownNow();
    }

    /** Starts every member; returns the session id recorded as the ensemble's current run. */
    String start(Caller caller, ManagedStrategy ensemble, EnsembleView spec, String mode, StrategyManager strategies) {
        this.manager = strategies;
        String sessionId = "ensemble-" + UUID.randomUUID();
        // Validate every member before starting any, so a bad member starts nothing.
        Map<String, RunSpec> specs = new LinkedHashMap<>();
        for (Map.Entry<String, Double> member : spec.strategyWeights().entrySet()) {
            specs.put(member.getKey(), strategies.memberRun(caller, member.getKey(), mode,
                    ensemble.initialCapital() * member.getValue()));
        }
        List<String> runIds = new ArrayList<>();
        for (RunSpec runSpec : specs.values()) {
            RunOrigin.Observer signals = strategies.observer(ensemble.id());
            RunOrigin.Observer observer = new RunOrigin.Observer() {
                @Override
                public void onTrade(String runId, TradeView trade) {
                    signals.onTrade(runId, trade);
                }
            };
            runIds.add(runs.startRunNow(runSpec, new RunOrigin(caller.username(), ensemble.id(), observer)).runId());
        }
        sessions.put(ensemble.id(), new Session(ensemble.id(), sessionId, List.copyOf(runIds), ensemble.initialCapital(),
                spec.riskManagement()));
        return sessionId;
    }

    void stop(String ensembleId) {
        Session s = sessions.remove(ensembleId);
        if (s != null) {
            s.runIds.forEach(id -> runs.stopRunNow(id, StopReason.USER));
        }
    }

    Figures figures(String ensembleId) {
        Session s = sessions.get(ensembleId);
        return s == null ? null : new Figures(s.value, s.positions);
    }

    private void check() {
        for (Session s : sessions.values()) {
            try {
                double value = 0;
                int positions = 0;
                boolean anyActive = false;
                for (String runId : s.runIds) {
                    RunView run = queries.find(runId).orElse(null);
                    if (run == null) {
                        continue;
                    }
                    anyActive |= "running".equals(run.status()) || "starting".equals(run.status());
                    value += run.value() != null ? run.value() : run.initialCash();
                    positions += queries.openPositions(runId);
                }
                s.value = value;
                s.positions = positions;
                s.peak = Math.max(s.peak, value);
                String reason = null;
                if (s.maxDrawdown != null && value <= s.peak * (1 - s.maxDrawdown)) {
                    reason = String.format("max_drawdown %.4f reached: value %.2f against peak %.2f", s.maxDrawdown, value,
                            s.peak);
                } else if (s.stopLoss != null && value <= s.capital * (1 - s.stopLoss)) {
                    reason = String.format("stop_loss %.4f reached: value %.2f against capital %.2f", s.stopLoss, value,
                            s.capital);
                } else if (!anyActive) {
                    reason = "every member run ended";
                }
                if (reason != null) {
                    end(s, value, reason, anyActive ? StopReason.RISK : StopReason.USER);
                }
            } catch (RuntimeException e) {
                LOG.warnf("Ensemble %s check failed: %s", s.ensembleId, e.getMessage());
            }
        }
    }

    /** Ends the session; its member runs that are still active record {@code why} as their stop reason. */
    private void end(Session s, double value, String reason, StopReason why) {
        if (sessions.remove(s.ensembleId, s)) {
            s.runIds.forEach(id -> runs.stopRunNow(id, why));
            LOG.infof("Ensemble %s stopped: %s", s.ensembleId, reason);
            StrategyManager strategies = manager;
            if (strategies != null) {
                strategies.ensembleEnded(s.ensembleId, s.sessionId, value - s.capital, reason);
            }
        }
    }

    private static Map<String, Long> rebalance() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("never", 0L);
        m.put("hourly", 3_600_000L);
        m.put("daily", 86_400_000L);
        m.put("weekly", 7 * 86_400_000L);
        m.put("monthly", 30 * 86_400_000L);
        return m;
    }
}
