package io.cracktrader.store;

import java.util.List;

/**
 * A run as persisted: the request (credentials removed), its state and, once finished, its metrics
 * and open positions as JSON. Times are epoch milliseconds. {@code owner} is the user who started it;
 * {@code strategyId} the configured strategy (strategy-management API) it runs for, if any;
 * {@code stopReason} why a run that did not complete ended ({@code user}, {@code shutdown}, {@code risk},
 * {@code error}, {@code interrupted}), null otherwise.
 */
public record StoredRun(String id, String mode, String strategyName, String exchange, List<String> symbols,
                        String timeframe, String request, String status, String error, long createdAt,
                        Long startedAt, Long finishedAt, Double runtimeSeconds, double progress, long barsProcessed,
                        double initialCash, Double cash, Double equity, int tradeCount, String metrics,
                        String positions, String owner, String strategyId, String stopReason) {
}
