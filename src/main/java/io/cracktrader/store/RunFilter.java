package io.cracktrader.store;

/** Optional filters for listing runs; null means "any". */
public record RunFilter(String status, String mode, String strategyName, String strategyId) {
    public RunFilter(String status, String mode, String strategyName) {
        this(status, mode, strategyName, null);
    }
}
