package io.cracktrader.service;

import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;

/**
 * Who asked for a run and on whose behalf: the user, the configured strategy (strategy-management API) it runs for, and
 * an observer told of each fill and of the end. Ad-hoc runs have no strategy and a no-op observer.
 */
public record RunOrigin(String owner, String strategyId, Observer observer) {

    /** Called on the run's worker thread; must be quick and must not throw. */
    public interface Observer {
        default void onTrade(String runId, TradeView trade) {
        }

        default void onFinished(RunView run) {
        }
    }

    private static final Observer NONE = new Observer() { };

    public static RunOrigin of(String owner) {
        return new RunOrigin(owner, null, NONE);
    }
}
