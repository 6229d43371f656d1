package io.cracktrader.ws;

import io.cracktrader.service.strategy.StrategyAccess;
import io.cracktrader.service.strategy.StrategyPerformance;
import jakarta.inject.Singleton;

/** The beans every strategy channel of {@link StrategySockets} uses, injected as one. */
@Singleton
public class StrategyChannels {
    private final SocketHub hub;
    private final StrategyAccess access;
    private final StrategyPerformance performance;

    public StrategyChannels(SocketHub hub, StrategyAccess access, StrategyPerformance performance) {
        this.hub = hub;
        this.access = access;
        this.performance = performance;
    }

    SocketHub hub() {
        return hub;
    }

    StrategyAccess access() {
        return access;
    }

    StrategyPerformance performance() {
        return performance;
    }
}
