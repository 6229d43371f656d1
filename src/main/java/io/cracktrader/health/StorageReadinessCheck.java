package io.cracktrader.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the data directory cannot take writes (a full or read-only volume). */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {
    private final DataDirectory dataDirectory;

    public StorageReadinessCheck(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    @Override
    public HealthCheckResponse call() {
        String problem = dataDirectory.problem();
        return problem == null ? HealthCheckResponse.up("storage")
                : HealthCheckResponse.named("storage").down().withData("reason", problem).build();
    }
}
