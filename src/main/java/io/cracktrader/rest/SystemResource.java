package io.cracktrader.rest;

import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.health.ServiceHealth;
import io.cracktrader.security.AuditLog;
import io.cracktrader.security.Caller;
import io.cracktrader.security.CurrentCaller;
import io.cracktrader.security.Role.Capability;
import io.cracktrader.service.Blocking;
import io.cracktrader.service.RunOrchestrator;
import io.cracktrader.service.strategy.StrategyTemplates;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** System endpoints of the control-panel and strategy-management APIs: health, the overview, and the audit log. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "System", description = "Health, overview and audit")
public class SystemResource {
    private final ServiceHealth health;
    private final StrategyTemplates strategies;
    private final RunOrchestrator runs;
    private final AuditLog audit;
    private final CurrentCaller caller;

    public SystemResource(ServiceHealth health, StrategyTemplates strategies, RunOrchestrator runs, AuditLog audit,
                          CurrentCaller caller) {
        this.health = health;
        this.strategies = strategies;
        this.runs = runs;
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @Path("/health")
    @PermitAll
    @Operation(summary = "Health check (same answer as /api/v1/health)")
    public Uni<Response> health() {
        return health.check().map(h -> Response.status("unhealthy".equals(h.status()) ? 503 : 200).entity(h).build());
    }

    @GET
    @Path("/health/components")
    @PermitAll
    @Operation(summary = "Health of each component: database, runner, exchanges")
    public Uni<Map<String, Object>> components() {
        return health.check().map(h -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", h.status());
            out.put("components", h.checks());
            out.put("timestamp", h.timestamp());
            return out;
        });
    }

    @GET
    @Path("/system/overview")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Service status and statistics: health, runs, your strategies by status, who you are")
    public Uni<Map<String, Object>> overview() {
        Caller c = caller.get();
        return health.check().flatMap(h -> Blocking.call(() -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", h.status());
            out.put("version", h.version());
            out.put("database", health.databaseKind());
            out.put("active_runs", runs.activeRuns());
            out.put("strategies", strategies.statusCounts(c));
            out.put("metrics", h.metrics());
            out.put("user", Map.of("username", c.username(), "role", c.role().code()));
            out.put("timestamp", Instant.now());
            return out;
        }));
    }

    @GET
    @Path("/audit")
    @RolesAllowed(Capability.ADMIN)
    @Operation(summary = "The audit log: every state-changing request with user, time, action, target and status")
    public Uni<Map<String, List<AuditLog.Entry>>> auditLog(@QueryParam("username") String username,
                                                            @Parameter(description = "A strategy, run, user or key id")
                                                            @QueryParam("target") String target,
                                                            @QueryParam("since") String since,
                                                            @QueryParam("limit") @DefaultValue("100") int limit) {
        Instant from = StrategiesResource.instant("since", since);
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException(Map.of("limit", "must be between 1 and 1000"));
        }
        return Blocking.call(() -> Map.of("entries", audit.list(username, target, from == null ? null : from.toEpochMilli(),
                limit)));
    }

}
