package io.cracktrader.store;

/** Optional filters for listing runs; null means "any". {@code owner} is the username that started them. */
public record RunFilter(String status, String mode, String strategyName, String strategyId, String owner) {
    public RunFilter(String status, String mode, String strategyName) {
        this(status, mode, strategyName, null, null);
    }

    public RunFilter ownedBy(String username) {
        return new RunFilter(status, mode, strategyName, strategyId, username);
    }
}
