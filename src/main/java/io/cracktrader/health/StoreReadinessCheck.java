package io.cracktrader.health;

import io.cracktrader.store.RunStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the run store cannot be used: runs could not be recorded. */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements HealthCheck {
    private final RunStore store;

    public StoreReadinessCheck(RunStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.ping();
            return HealthCheckResponse.up("run-store");
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("run-store").down().withData("reason", "database unreachable").build();
        }
    }
}
