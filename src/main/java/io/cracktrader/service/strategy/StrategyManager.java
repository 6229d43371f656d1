package io.cracktrader.service.strategy;

import io.cracktrader.error.ConflictException;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.security.Caller;
import io.cracktrader.security.UserStore;
import io.cracktrader.service.RunLeases;
import io.cracktrader.service.RunMode;
import io.cracktrader.service.RunOrchestrator;
import io.cracktrader.service.RunOrigin;
import io.cracktrader.service.RunSpec;
import io.cracktrader.service.StopReason;
import io.cracktrader.service.strategy.StrategyViews.Pagination;
import io.cracktrader.service.strategy.StrategyViews.SignalView;
import io.cracktrader.service.strategy.StrategyViews.StrategyDetail;
import io.cracktrader.service.strategy.StrategyViews.StrategyPage;
import io.cracktrader.service.strategy.StrategyViews.StrategyView;
import io.cracktrader.service.view.PageView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.cracktrader.store.ManagedStrategy;
import io.cracktrader.store.StrategyStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Configured strategies of the strategy-management API: list, read, create, change, delete, share,
 * and start/stop as paper runs bound to the strategy, whose fills become its signals and whose end
 * is written in its history. Backtests, performance, ensembles and templates have their own beans
 * beside this one. Every method is blocking (database and runs): callers run it off the event loop.
 */
@ApplicationScoped
public class StrategyManager {
    private static final Logger LOG = Logger.getLogger(StrategyManager.class);

    private final StrategyAccess access;
    private final StrategyStore store;
    private final StrategyValidator validator;
    private final StrategyPerformance performance;
    private final RunOrchestrator runs;
    private final UserStore users;
    private final EnsembleSupervisor ensembles;

    public StrategyManager(StrategyAccess access, StrategyValidator validator, StrategyPerformance performance,
                           RunOrchestrator runs, UserStore users, EnsembleSupervisor ensembles) {
        this.access = access;
        this.store = access.store();
        this.validator = validator;
        this.performance = performance;
        this.runs = runs;
        this.users = users;
        this.ensembles = ensembles;
    }

    /**
     * A strategy left running with no active run (its runs were closed as interrupted before this, see
     * {@link RunLeases}) cannot be resumed: say so on the strategy. One whose run another replica
     * still executes is left alone.
     */
    void recover(@Observes @Priority(25) StartupEvent event) {
        long now = System.currentTimeMillis();
        for (ManagedStrategy s : store.withStatus("running")) {
            if (runs.hasActiveRun(s.id())) {
                continue;
            }
            store.update(s.withStatus("error", s.currentRunId(), now));
            access.record(s.id(), "interrupted", null, Map.of("reason",
                    "The service stopped while this strategy was running; start it again"), now);
        }
    }

    public StrategyPage list(Caller caller, String category, String status, String riskLevel, String search,
                             List<String> tags, String sortBy, String sortOrder, int page, int size) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (page < 1) {
            errors.put("page", "must be 1 or more");
        }
        if (size < 1 || size > 100) {
            errors.put("size", "must be between 1 and 100");
        }
        if (sortBy != null && !StrategyStore.SORTABLE.contains(sortBy)) {
            errors.put("sort_by", "must be one of " + String.join(", ", new TreeSet<>(StrategyStore.SORTABLE)));
        }
        if (sortOrder != null && !sortOrder.equals("asc") && !sortOrder.equals("desc")) {
            errors.put("sort_order", "must be asc or desc");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        List<String> tagList = tags == null ? null : tags.stream().flatMap(t -> List.of(t.split(",")).stream())
                .map(String::strip).filter(t -> !t.isEmpty()).toList();
        StrategyStore.Query q = new StrategyStore.Query(caller.userId(), caller.isAdmin(), category, status, riskLevel,
                search, tagList, sortBy == null ? "created_at" : sortBy, !"asc".equals(sortOrder));
        long total = store.count(q);
        Map<String, String> names = new HashMap<>();
        List<StrategyView> items = store.list(q, PageView.offset(page, size), size).stream()
                .map(s -> access.view(caller, s, names)).toList();
        return new StrategyPage(items, new Pagination(page, size, total, (int) ((total + size - 1) / size)));
    }

    public StrategyDetail get(Caller caller, String id) {
        ManagedStrategy s = access.require(caller, id, "read");
        List<SignalView> recent = store.signals(id, null, 10).stream().map(StrategyAccess::signalView).toList();
        return new StrategyDetail(access.view(caller, s, new HashMap<>()), performance.summary(s, "all"), recent,
                access.sharedWith(id));
    }

    public StrategyView create(Caller caller, StrategyConfigRequest config, boolean autoStart, boolean validateParameters) {
        if (config == null) {
            throw new InvalidRequestException(Map.of("config", "is required"));
        }
        long now = System.currentTimeMillis();
        ManagedStrategy s = validator.validated(caller, null, config, validateParameters, now);
        store.insert(s);
        access.record(s.id(), "created", caller.username(), Map.of("name", s.name(), "strategy_type", s.strategyType(),
                "parameters", s.parameters()), now);
        if (autoStart) {
            return start(caller, s.id(), null);
        }
        return access.view(caller, s, new HashMap<>());
    }

    public StrategyView update(Caller caller, String id, StrategyConfigRequest change) {
        ManagedStrategy current = access.require(caller, id, "write");
        if (change == null) {
            throw new InvalidRequestException(Map.of("config", "is required"));
        }
        if (current.ensemble() != null && (change.strategyType() != null || change.parameters() != null)) {
            throw new InvalidRequestException(Map.of("parameters", "an ensemble has no parameters; change its weights by "
                    + "creating a new ensemble"));
        }
        long now = System.currentTimeMillis();
        StrategyConfigRequest merged = merged(current, change);
        ManagedStrategy updated = current.ensemble() != null ? new ManagedStrategy(current.id(), current.ownerId(),
                merged.name(), merged.description(), "ensemble", current.strategyType(), current.parameters(),
                merged.riskLevel(), merged.tags(), current.timeframe(), current.symbols(), current.exchange(),
                merged.initialCapital(), current.ensemble(), current.status(), current.currentRunId(), current.createdAt(), now)
                : validator.validated(caller, current, merged, true, now);
        store.update(updated);
        Map<String, Object> changes = changes(current, updated);
        if (!changes.isEmpty()) {
            access.record(id, "updated", caller.username(), Map.of("changes", changes), now);
        }
        if (change.status() != null) {
            switch (change.status()) {
                case "running" -> {
                    if (!"running".equals(current.status())) {
                        return start(caller, id, null);
                    }
                }
                case "stopped", "inactive" -> {
                    if ("running".equals(current.status())) {
                        return stop(caller, id);
                    }
                }
                default -> throw new InvalidRequestException(Map.of("status", "must be running, stopped or inactive"));
            }
        }
        return access.view(caller, id);
    }

    /** The configuration after a partial change: given fields replace the current ones. */
    private static StrategyConfigRequest merged(ManagedStrategy current, StrategyConfigRequest change) {
        return new StrategyConfigRequest(
                or(change.name(), current.name()), change.description() != null ? change.description() : current.description(),
                or(change.category(), current.category()),
                change.strategyType() != null ? change.strategyType()
                        : change.parameters() != null && change.category() != null ? null : current.strategyType(),
                change.parameters() != null ? change.parameters() : current.parameters(),
                or(change.riskLevel(), current.riskLevel()), change.tags() != null ? change.tags() : current.tags(),
                or(change.timeframe(), current.timeframe()), change.symbols() != null ? change.symbols() : current.symbols(),
                or(change.exchange(), current.exchange()),
                change.initialCapital() != null ? change.initialCapital() : current.initialCapital(), null);
    }

    /** What changed, field by field, for the history. */
    private static Map<String, Object> changes(ManagedStrategy current, ManagedStrategy updated) {
        Map<String, Object> changes = new TreeMap<>();
        diff(changes, "name", current.name(), updated.name());
        diff(changes, "description", current.description(), updated.description());
        diff(changes, "category", current.category(), updated.category());
        diff(changes, "strategy_type", current.strategyType(), updated.strategyType());
        diff(changes, "parameters", current.parameters(), updated.parameters());
        diff(changes, "risk_level", current.riskLevel(), updated.riskLevel());
        diff(changes, "tags", current.tags(), updated.tags());
        diff(changes, "timeframe", current.timeframe(), updated.timeframe());
        diff(changes, "symbols", current.symbols(), updated.symbols());
        diff(changes, "exchange", current.exchange(), updated.exchange());
        diff(changes, "initial_capital", current.initialCapital(), updated.initialCapital());
        return changes;
    }

    public void delete(Caller caller, String id) {
        ManagedStrategy s = access.require(caller, id, "delete");
        if ("running".equals(s.status())) {
            stopRuns(s);
        }
        store.delete(id);
        access.record(id, "deleted", caller.username(), Map.of("name", s.name()), System.currentTimeMillis());
    }

    /**
     * Grants another user permissions on the strategy (empty list: removes the grant). The owner and
     * the administrator grant anything; anyone else holding {@code share} passes on only rights they hold
     * themselves, never {@code share}, and changes no grant wider than that (README, "Security").
     */
    public Map<String, List<String>> share(Caller caller, String id, String username, List<String> permissions) {
        ManagedStrategy s = access.require(caller, id, "share");
        Map<String, String> errors = new LinkedHashMap<>();
        UserStore.User target = username == null ? null : users.userByName(username).orElse(null);
        if (target == null) {
            errors.put("username", "no such user");
        } else if (target.id().equals(caller.userId())) {
            errors.put("username", "you cannot change your own permissions");
        }
        if (permissions == null || !StrategyAccess.PERMISSIONS.containsAll(permissions)) {
            errors.put("permissions", "must be a list of " + String.join(", ", StrategyAccess.PERMISSIONS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (target.id().equals(s.ownerId())) {
            throw new ConflictException("The owner already has every permission");
        }
        Set<String> perms = new LinkedHashSet<>(permissions);
        if (!perms.isEmpty()) {
            perms.add("read");
        }
        boolean decides = caller.isAdmin() || s.ownerId().equals(caller.userId());
        if (!decides) {
            Set<String> passable = new LinkedHashSet<>(access.permissions(caller, s));
            passable.remove("share");
            if (!passable.containsAll(perms)) {
                throw new InvalidRequestException(Map.of("permissions", "you may pass on only "
                        + String.join(", ", passable) + " (only the owner grants share)"));
            }
            if (!passable.containsAll(store.grants(id, target.id()))) {
                throw new NotPermittedException("User " + username + " holds rights you do not; only the owner "
                        + "can change their grant");
            }
        }
        store.grant(id, target.id(), perms);
        access.record(id, "shared", caller.username(), Map.of("with", username, "permissions",
                perms.stream().sorted().toList()), System.currentTimeMillis());
        return access.sharedWith(id);
    }

    /** Starts a paper run of the strategy (or its ensemble members); {@code mode} may ask for sandbox or live. */
    public StrategyView start(Caller caller, String id, String mode) {
        ManagedStrategy s = access.require(caller, id, "execute");
        if ("running".equals(s.status())) {
            throw new ConflictException("Strategy " + s.name() + " is already running (run " + s.currentRunId() + ")");
        }
        String runMode = mode == null ? RunMode.PAPER.code() : mode;
        if (RunMode.BACKTEST.code().equals(runMode)) {
            throw new InvalidRequestException(Map.of("mode", "start runs paper, sandbox or live; backtests go to "
                    + "POST /api/strategies/{id}/backtest"));
        }
        if (!caller.mayRun(runMode)) {
            throw new NotPermittedException("Your role may not start " + runMode + " runs");
        }
        long now = System.currentTimeMillis();
        String runId;
        if (s.ensemble() != null) {
            runId = ensembles.start(caller, s, access.ensemble(s), runMode, this);
        } else {
            RunSpec spec = validator.asRun(StrategyValidator.request(s, runMode, null, null, null, null, null, null));
            runId = runs.startRunNow(spec, new RunOrigin(caller.username(), s.id(), observer(s.id()))).runId();
        }
        store.update(s.withStatus("running", runId, now));
        access.record(id, "started", caller.username(), Map.of("run_id", runId, "mode", runMode), now);
        return access.view(caller, id);
    }

    public StrategyView stop(Caller caller, String id) {
        ManagedStrategy s = access.require(caller, id, "execute");
        if (!"running".equals(s.status())) {
            throw new ConflictException("Strategy " + s.name() + " is not running (status " + s.status() + ")");
        }
        long now = System.currentTimeMillis();
        stopRuns(s);
        store.update(store.find(id).orElseThrow().withStatus("stopped", s.currentRunId(), now));
        access.record(id, "stopped", caller.username(), Map.of("run_id", String.valueOf(s.currentRunId())), now);
        return access.view(caller, id);
    }

    private void stopRuns(ManagedStrategy s) {
        if (s.ensemble() != null) {
            ensembles.stop(s.id());
        } else if (s.currentRunId() != null) {
            runs.stopRunNow(s.currentRunId(), StopReason.USER);
        }
    }

    /** A strategy's run closed because its replica went away ends the strategy as its own end would. */
    void onInterrupted(@Observes RunLeases.RunInterrupted event) {
        if (event.strategyId() == null) {
            return;
        }
        long now = System.currentTimeMillis();
        store.find(event.strategyId()).filter(s -> "running".equals(s.status())
                && event.run().runId().equals(s.currentRunId())).ifPresent(s -> {
            store.update(s.withStatus("error", s.currentRunId(), now));
            access.record(s.id(), "interrupted", null, Map.of("run_id", s.currentRunId(), "reason",
                    "The process running this strategy went away (a crash, or its replica stopped); start it again"), now);
        });
    }

    /** Records fills as signals and the end of the run on the strategy. */
    RunOrigin.Observer observer(String strategyId) {
        return new RunOrigin.Observer() {
            @Override
            public void onTrade(String runId, TradeView t) {
                try {
                    access.signal(new StrategyStore.Signal(0, strategyId, runId, t.timestamp().toEpochMilli(),
                            t.symbol(), t.side(), t.price(), t.size(), t.pnl()));
                } catch (RuntimeException e) {
                    LOG.warnf("Could not record a signal of strategy %s: %s", strategyId, e.getMessage());
                }
            }

            @Override
            public void onFinished(RunView run) {
                access.runEnded(strategyId, run);
            }
        };
    }

    /** The supervisor stopped an ensemble (risk limit or members done). */
    void ensembleEnded(String ensembleId, String sessionId, double pnl, String reason) {
        long now = System.currentTimeMillis();
        store.find(ensembleId).ifPresent(s -> {
            if ("running".equals(s.status()) && sessionId.equals(s.currentRunId())) {
                store.update(s.withStatus("stopped", sessionId, now));
            }
        });
        access.record(ensembleId, reason.startsWith("every") ? "run_finished" : "risk_stop", null,
                Map.of("run_id", sessionId, "pnl", pnl, "reason", reason), now);
    }

    /** A member of an ensemble the caller may read, as a run with its share of the capital. */
    RunSpec memberRun(Caller caller, String memberId, String mode, double capital) {
        ManagedStrategy member = access.require(caller, memberId, "read");
        return validator.asRun(StrategyValidator.request(member, mode, null, null, capital, null, null, null));
    }

    private static void diff(Map<String, Object> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", before);
            change.put("to", after);
            changes.put(field, change);
        }
    }

    private static String or(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
