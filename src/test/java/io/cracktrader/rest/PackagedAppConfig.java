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
        Map<String, String> config = new java.util.HashMap<>();
        config.put("cracktrader.data-dir", "target/it-data/" + UUID.randomUUID());
        config.put("cracktrader.exchanges.simulated.clock-speed", "3600");
        config.put("cracktrader.exchanges.binance-url", "http://127.0.0.1:9");
        config.put("cracktrader.exchanges.timeout-seconds", "2");
        config.put("cracktrader.admin.password", "admin-test-password");
        config.put("cracktrader.rate-limit.anonymous-per-minute", "100000");
        config.put("cracktrader.rate-limit.session-per-minute", "100000");
        config.put("cracktrader.auth.max-sessions-per-user", "1000");
        config.put("cracktrader.auth.jwt-secret", Api.JWT_SECRET);
        return config;
    }

    @Override
    public void stop() {
    }
}
