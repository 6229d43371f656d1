package io.cracktrader.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * Settings for the packaged application under {@code @QuarkusIntegrationTest} (which runs the prod
 * profile): a throwaway data directory, a fast simulated clock, and an unreachable Binance.
 */
public class PackagedAppConfig implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("cracktrader.data-dir", "target/it-data/" + UUID.randomUUID(),
                "cracktrader.exchanges.simulated.clock-speed", "3600",
                "cracktrader.exchanges.binance-url", "http://127.0.0.1:9",
                "cracktrader.exchanges.timeout-seconds", "2",
                "cracktrader.admin.password", "admin-test-password");
    }

    @Override
    public void stop() {
    }
}
