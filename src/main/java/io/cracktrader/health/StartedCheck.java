package io.cracktrader.health;

import io.cracktrader.service.RunOrchestrator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the orchestrator (and so the migrated store) is in place. */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {
    private final RunOrchestrator runs;

    public StartedCheck(RunOrchestrator runs) {
        this.runs = runs;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("cracktrader-started").up().withData("active_runs", runs.activeRuns()).build();
    }
}
