package io.cracktrader.health;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code GET /api/v1/health}: overall status, one entry per check, and key figures. */
@RegisterForReflection
@Schema(name = "Health")
public record HealthView(@Schema(enumeration = {"healthy", "degraded", "unhealthy"}) String status,
                         Map<String, Check> checks, Map<String, Object> metrics, Instant timestamp, String version) {

    @RegisterForReflection
    public record Check(@Schema(enumeration = {"healthy", "degraded", "unhealthy"}) String status, String message) {
    }
}
