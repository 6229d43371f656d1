package io.cracktrader.rest;

import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.health.HealthView;
import io.cracktrader.health.ServiceHealth;
import io.cracktrader.rest.dto.ActionResponse;
import io.cracktrader.rest.dto.ExchangeList;
import io.cracktrader.rest.dto.StrategyList;
import io.cracktrader.security.CurrentCaller;
import io.cracktrader.security.Role.Capability;
import io.cracktrader.service.RunMode;
import io.cracktrader.service.RunOrchestrator;
import io.cracktrader.service.RunRequest;
import io.cracktrader.service.StrategyService;
import io.cracktrader.service.view.DetailedStatusView;
import io.cracktrader.service.view.ResultsView;
import io.cracktrader.service.view.RunView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The runner API: one current run at a time, plus the catalogues and health. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runner", description = "Run one backtest or paper session at a time")
public class RunnerResource {
    private final RunOrchestrator runs;
    private final StrategyCatalog strategies;
    private final ExchangeRegistry exchanges;
    private final ServiceHealth health;
    private final StrategyService strategyService;
    private final CurrentCaller caller;

    public RunnerResource(RunOrchestrator runs, StrategyCatalog strategies, ExchangeRegistry exchanges,
                          ServiceHealth health, StrategyService strategyService, CurrentCaller caller) {
        this.caller = caller;
        this.runs = runs;
        this.strategies = strategies;
        this.exchanges = exchanges;
        this.health = health;
        this.strategyService = strategyService;
    }

    @GET
    @Path("/health")
    @Operation(summary = "Service health: database, run workers, exchanges, key figures")
    @APIResponse(responseCode = "200", description = "healthy or degraded")
    @APIResponse(responseCode = "503", description = "unhealthy", content = @Content(schema = @Schema(implementation = HealthView.class)))
    @PermitAll
    public Uni<Response> health() {
        return health.check().map(h -> Response.status("unhealthy".equals(h.status()) ? 503 : 200).entity(h).build());
    }

    @GET
    @Path("/status")
    @Operation(summary = "Status of the runner's current run, or idle")
    @RolesAllowed(Capability.READ)
    public Uni<RunView> status() {
        return runs.runnerStatus(caller.get());
    }

    @GET
    @Path("/status/detailed")
    @Operation(summary = "Status with recent trades, equity curve and metrics")
    @RolesAllowed(Capability.READ)
    public Uni<DetailedStatusView> detailedStatus() {
        return runs.runnerDetailedStatus(caller.get());
    }

    @GET
    @Path("/strategies")
    @Operation(summary = "Strategy types that can be run, with their parameter schemas")
    @RolesAllowed(Capability.READ)
    public StrategyList strategies() {
        return StrategyList.of(strategies.all());
    }

    @GET
    @Path("/strategies/{name}")
    @Operation(summary = "One strategy type with its parameter schema")
    @APIResponse(responseCode = "404", description = "No such strategy type",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.READ)
    public StrategyList.StrategyInfo strategy(@PathParam("name") String name) {
        StrategyType type = strategies.find(name);
        if (type == null) {
            throw new NotFoundException("No strategy type called " + name);
        }
        return StrategyList.StrategyInfo.of(type);
    }

    @POST
    @Path("/strategies")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a rule strategy: entry and exit conditions built from indicators, prices, "
            + "comparisons (gt, gte, lt, lte), crosses (cross_above, cross_below) and and/or/not; runs can use it at once")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "409", description = "The name is taken",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.WRITE)
    public Uni<Response> addRuleStrategy(StrategyService.RuleRequest request) {
        return strategyService.create(caller.get(), request).map(type -> Response.created(
                URI.create("/api/v1/strategies/" + type.name())).entity(StrategyList.StrategyInfo.of(type)).build());
    }

    @DELETE
    @Path("/strategies/{name}")
    @Operation(summary = "Delete a rule strategy (built-in ones stay); runs made with it keep their results")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not its author (nor an administrator)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "Built in",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.WRITE)
    public Uni<Response> deleteRuleStrategy(@PathParam("name") String name) {
        return strategyService.delete(caller.get(), name).onItem().ifNull()
                .failWith(() -> new NotFoundException("No strategy type called " + name))
                .map(x -> Response.noContent().build());
    }

    @GET
    @Path("/exchanges")
    @Operation(summary = "Exchanges runs can take market data from")
    @RolesAllowed(Capability.READ)
    public ExchangeList exchanges() {
        return ExchangeList.of(exchanges);
    }

    @GET
    @Path("/results")
    @Operation(summary = "Results of the runner's current (or last) run")
    @APIResponse(responseCode = "404", description = "Nothing has run since the last reset",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.READ)
    public Uni<ResultsView> results() {
        return runs.runnerResults(caller.get());
    }

    @POST
    @Path("/run/backtest")
    @Operation(summary = "Start a backtest; answers at once with its run_id")
    @APIResponse(responseCode = "200", description = "Started")
    @APIResponse(responseCode = "409", description = "RUNNER_BUSY: a run is active",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Capability.BACKTEST)
    public Uni<ActionResponse> backtest(RunRequest request) {
        return runs.startRunnerRun(request, RunMode.BACKTEST, caller.get())
                .map(v -> ActionResponse.of(v, "Backtest started"));
    }

    @POST
    @Path("/run/live")
    @Operation(summary = "Start a paper (default), sandbox or live run; answers at once with its run_id")
    @APIResponse(responseCode = "200", description = "Started")
    @APIResponse(responseCode = "403", description = "Live trading is disabled",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "RUNNER_BUSY: a run is active",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Capability.EXECUTE)
    public Uni<ActionResponse> live(RunRequest request) {
        return runs.startRunnerRun(request, RunMode.PAPER, caller.get())
                .map(v -> ActionResponse.of(v, v.mode().substring(0, 1).toUpperCase() + v.mode().substring(1)
                        + " trading started"));
    }

    @POST
    @Path("/run/stop")
    @Operation(summary = "Stop the current run; its results so far are kept")
    @APIResponse(responseCode = "409", description = "No active run",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.BACKTEST)
    public Uni<ActionResponse> stop() {
        return runs.stopRunnerRun(caller.get()).map(v -> ActionResponse.of(v, "Run " + v.status()));
    }

    @DELETE
    @Path("/run/reset")
    @Operation(summary = "Stop any current run and return the runner to idle")
    @RolesAllowed(Capability.BACKTEST)
    public Uni<ActionResponse> reset() {
        return runs.resetRunner(caller.get()).map(v -> ActionResponse.of(v, "Runner reset to idle"));
    }
}
