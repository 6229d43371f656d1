package io.cracktrader.service.strategy;

import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.security.Caller;
import io.cracktrader.service.strategy.StrategyViews.EnsembleView;
import io.cracktrader.service.strategy.StrategyViews.StrategyView;
import io.cracktrader.store.ManagedStrategy;
import io.cracktrader.store.StrategyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Creates ensembles: weighted portfolios of 2 to 10 strategies the caller may read, with risk limits.
 * An ensemble is a strategy of its own (category {@code ensemble}); {@link EnsembleSupervisor} runs it.
 */
@ApplicationScoped
public class StrategyEnsembles {
    private static final Set<String> RISK_KEYS = Set.of("max_drawdown", "stop_loss");

    public record EnsembleRequest(String name, String description, Map<String, Double> strategyWeights,
                                  String rebalanceFrequency, Map<String, Double> riskManagement, Double initialCapital,
                                  List<String> tags) {
    }

    private final StrategyAccess access;
    private final StrategyStore store;

    public StrategyEnsembles(StrategyAccess access) {
        this.access = access;
        this.store = access.store();
    }

    public StrategyView create(Caller caller, EnsembleRequest r) {
        if (r == null) {
            throw new InvalidRequestException(Map.of("body", "is required"));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            errors.put("name", "is required (1-200 characters)");
        }
        Map<String, Double> weights = r.strategyWeights() == null ? Map.of() : r.strategyWeights();
        checkWeights(caller, weights, errors);
        String rebalance = r.rebalanceFrequency() == null ? "daily" : r.rebalanceFrequency();
        if (!EnsembleSupervisor.REBALANCE.containsKey(rebalance)) {
            errors.put("rebalance_frequency", "must be one of " + String.join(", ", EnsembleSupervisor.REBALANCE.keySet()));
        }
        Map<String, Double> risk = r.riskManagement() == null ? Map.of() : r.riskManagement();
        for (Map.Entry<String, Double> e : risk.entrySet()) {
            if (!RISK_KEYS.contains(e.getKey())) {
                errors.put("risk_management." + e.getKey(), "unknown; use max_drawdown and stop_loss");
            } else if (e.getValue() == null || !(e.getValue() > 0) || e.getValue() >= 1) {
                errors.put("risk_management." + e.getKey(), "must be a fraction in (0, 1)");
            }
        }
        double capital = r.initialCapital() == null ? 10_000 : r.initialCapital();
        if (!(capital > 0) || capital > 1e12) {
            errors.put("initial_capital", "must be positive");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        long now = System.currentTimeMillis();
        EnsembleView spec = new EnsembleView(new LinkedHashMap<>(weights), rebalance, new LinkedHashMap<>(risk));
        List<String> symbols = weights.keySet().stream().flatMap(id -> store.find(id).orElseThrow().symbols().stream())
                .distinct().toList();
        ManagedStrategy s = new ManagedStrategy(UUID.randomUUID().toString(), caller.userId(), r.name().strip(),
                r.description(), "ensemble", "Ensemble", Map.of(), "medium", r.tags() == null ? List.of("ensemble") : r.tags(),
                store.find(weights.keySet().iterator().next()).orElseThrow().timeframe(), symbols,
                "simulated", capital, access.writeEnsemble(spec), "inactive", null, now, now);
        store.insert(s);
        access.record(s.id(), "created", caller.username(), Map.of("name", s.name(), "strategy_weights", weights,
                "rebalance_frequency", rebalance, "risk_management", risk), now);
        return access.view(caller, s, new HashMap<>());
    }

    /** 2 to 10 readable strategies that are not ensembles, each weighted in (0, 1], the weights summing to 1. */
    private void checkWeights(Caller caller, Map<String, Double> weights, Map<String, String> errors) {
        if (weights.size() < 2 || weights.size() > 10) {
            errors.put("strategy_weights", "give 2 to 10 strategies");
            return;
        }
        double sum = 0;
        boolean memberErrors = false;
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            String field = "strategy_weights." + w.getKey();
            if (w.getValue() == null || !(w.getValue() > 0) || w.getValue() > 1) {
                errors.put(field, "must be a weight in (0, 1]");
                memberErrors = true;
            } else {
                sum += w.getValue();
            }
            ManagedStrategy member = store.find(w.getKey()).orElse(null);
            if (member == null || access.permissions(caller, member).isEmpty()) {
                errors.put(field, "no such strategy");
                memberErrors = true;
            } else if (member.ensemble() != null) {
                errors.put(field, "an ensemble cannot contain another ensemble");
                memberErrors = true;
            }
        }
        if (Math.abs(sum - 1) > 1e-6 && !memberErrors) {
            errors.put("strategy_weights", "weights must sum to 1 (they sum to " + sum + ")");
        }
    }
}
