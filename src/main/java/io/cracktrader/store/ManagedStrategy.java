package io.cracktrader.store;

import java.util.List;
import java.util.Map;

/**
 * A configured strategy instance of the strategy-management API: a strategy type with parameters, markets and metadata, owned
 * by a user. {@code ensemble} is set for ensembles (JSON of weights, rebalancing and risk limits).
 */
public record ManagedStrategy(String id, String ownerId, String name, String description, String category,
                              String strategyType, Map<String, Object> parameters, String riskLevel, List<String> tags,
                              String timeframe, List<String> symbols, String exchange, double initialCapital,
                              String ensemble, String status, String currentRunId, long createdAt, long updatedAt) {

    public ManagedStrategy withStatus(String newStatus, String runId, long now) {
        return new ManagedStrategy(id, ownerId, name, description, category, strategyType, parameters, riskLevel, tags,
                timeframe, symbols, exchange, initialCapital, ensemble, newStatus, runId, createdAt, now);
    }
}
