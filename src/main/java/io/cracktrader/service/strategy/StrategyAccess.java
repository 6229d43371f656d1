package io.cracktrader.service.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.security.Caller;
import io.cracktrader.security.Role;
import io.cracktrader.security.UserStore;
import io.cracktrader.service.RunQueries;
import io.cracktrader.service.RunSharing;
import io.cracktrader.service.strategy.StrategyViews.EnsembleView;
import io.cracktrader.service.strategy.StrategyViews.SignalView;
import io.cracktrader.service.strategy.StrategyViews.StrategyView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.store.ManagedStrategy;
import io.cracktrader.store.StrategyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Who may do what with a configured strategy, and how one looks to a caller: the permission checks
 * (a strategy the caller cannot read does not exist for them), the view, and the strategy's history
 * (every entry is also an alert on the live channels). Shared by every part of strategy management.
 */
@ApplicationScoped
public class StrategyAccess implements RunSharing {
    private static final Logger LOG = Logger.getLogger(StrategyAccess.class);
    public static final List<String> PERMISSIONS = List.of("read", "write", "execute", "delete", "share");

    private final StrategyStore store;
    private final UserStore users;
    private final RunQueries queries;
    private final EnsembleSupervisor ensembles;
    private final StrategyEvents events;
    private final ObjectMapper json;

    public StrategyAccess(StrategyStore store, UserStore users, RunQueries queries, EnsembleSupervisor ensembles,
                          StrategyEvents events, ObjectMapper json) {
        this.store = store;
        this.users = users;
        this.queries = queries;
        this.ensembles = ensembles;
        this.events = events;
        this.json = json;
    }

    /** Whether the caller may read the strategy (live channels check before streaming it). */
    public boolean readable(Caller caller, String id) {
        return store.find(id).map(s -> permissions(caller, s).contains("read")).orElse(false);
    }

    /** A share of the strategy with read lets the holder read its runs. */
    @Override
    public boolean mayRead(Caller caller, String strategyId) {
        return readable(caller, strategyId);
    }

    /** A share of the strategy with execute lets the holder stop its runs. */
    @Override
    public boolean mayExecute(Caller caller, String strategyId) {
        return store.find(strategyId).map(s -> permissions(caller, s).contains("execute")).orElse(false);
    }

    /** The strategy if the caller may do {@code permission} on it; not found when they cannot even read it. */
    ManagedStrategy require(Caller caller, String id, String permission) {
        ManagedStrategy s = store.find(id).orElseThrow(() -> new NotFoundException("No strategy with id " + id));
        Set<String> perms = permissions(caller, s);
        if (perms.isEmpty()) {
            throw new NotFoundException("No strategy with id " + id);
        }
        if (!perms.contains(permission)) {
            throw new NotPermittedException("You may not " + permission + " strategy "
                    + s.name() + (perms.contains("read") ? " (you may: " + String.join(", ", perms) + ")" : ""));
        }
        return s;
    }

    /**
     * Owner and admin hold every permission; others what was shared with them. A role caps them all:
     * write, delete and share need the write capability, execute the execute capability.
     */
    Set<String> permissions(Caller caller, ManagedStrategy s) {
        Set<String> granted = caller.isAdmin() || s.ownerId().equals(caller.userId()) ? Set.copyOf(PERMISSIONS)
                : store.grants(s.id(), caller.userId());
        Set<String> out = new LinkedHashSet<>();
        for (String p : PERMISSIONS) {
            if (granted.contains(p) && caller.can(capability(p))) {
                out.add(p);
            }
        }
        return out;
    }

    private static String capability(String permission) {
        return switch (permission) {
            case "read" -> Role.Capability.READ;
            case "execute" -> Role.Capability.EXECUTE;
            default -> Role.Capability.WRITE;
        };
    }

    StrategyView view(Caller caller, ManagedStrategy s, Map<String, String> usernames) {
        Double pnl = null;
        int positions = 0;
        if (s.ensemble() != null) {
            EnsembleSupervisor.Figures f = ensembles.figures(s.id());
            if (f != null) {
                pnl = f.value() - s.initialCapital();
                positions = f.positions();
            }
        } else if (s.currentRunId() != null) {
            RunView run = queries.find(s.currentRunId()).orElse(null);
            if (run != null) {
                pnl = run.pnl();
                positions = queries.openPositions(s.currentRunId());
            }
        }
        return new StrategyView(s.id(), s.name(), s.description(), s.category(), s.strategyType(), s.parameters(),
                s.riskLevel(), s.tags(), s.timeframe(), s.symbols(), s.exchange(), s.initialCapital(), s.status(), pnl,
                positions, s.currentRunId(), username(s.ownerId(), usernames), List.copyOf(permissions(caller, s)),
                s.ensemble() == null ? null : ensemble(s), Instant.ofEpochMilli(s.createdAt()),
                Instant.ofEpochMilli(s.updatedAt()));
    }

    StrategyView view(Caller caller, String id) {
        return view(caller, store.find(id).orElseThrow(), new HashMap<>());
    }

    /** Usernames of those the strategy is shared with, and what each may do. */
    Map<String, List<String>> sharedWith(String id) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        store.sharedWith(id).forEach((userId, perms) -> out.put(username(userId, names), perms.stream().sorted().toList()));
        return out;
    }

    EnsembleView ensemble(ManagedStrategy s) {
        try {
            return json.readValue(s.ensemble(), EnsembleView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored ensemble is unreadable", e);
        }
    }

    String writeEnsemble(EnsembleView ensemble) {
        try {
            return json.writeValueAsString(ensemble);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The end of a strategy's run: the strategy stops (or errs) and its history says how it went. */
    void runEnded(String strategyId, RunView run) {
        try {
            long now = System.currentTimeMillis();
            store.find(strategyId).ifPresent(s -> {
                if ("running".equals(s.status()) && run.runId().equals(s.currentRunId())) {
                    store.update(s.withStatus("failed".equals(run.status()) ? "error" : "stopped", s.currentRunId(), now));
                }
            });
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("run_id", run.runId());
            details.put("mode", run.mode());
            details.put("status", run.status());
            details.put("pnl", run.pnl());
            details.put("fills", run.tradeCount());
            if (run.error() != null) {
                details.put("error", run.error());
            }
            String event = "backtest".equals(run.mode()) ? "backtest_" + run.status()
                    : "failed".equals(run.status()) ? "run_failed" : "run_finished";
            record(strategyId, event, null, details, now);
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the end of run %s of strategy %s: %s", run.runId(), strategyId, e.getMessage());
        }
    }

    /** Writes a history entry and tells live clients (the strategy-management API's alerts channel). */
    void record(String strategyId, String eventType, String user, Map<String, Object> details, long time) {
        store.history(strategyId, eventType, user, details, time);
        events.history(strategyId, eventType, user, details);
    }

    /** Records a signal and streams it. */
    void signal(StrategyStore.Signal signal) {
        events.signal(signalView(store.signal(signal)));
    }

    StrategyStore store() {
        return store;
    }

    static SignalView signalView(StrategyStore.Signal s) {
        return new SignalView(s.id(), s.strategyId(), s.runId(), Instant.ofEpochMilli(s.time()), s.symbol(), s.side(),
                s.price(), s.size(), s.pnl());
    }

    private String username(String userId, Map<String, String> cache) {
        return cache.computeIfAbsent(userId, id -> users.userById(id).map(UserStore.User::username).orElse(null));
    }
}
