package io.cracktrader.rest;

import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.security.Caller;
import io.cracktrader.security.CurrentCaller;
import io.cracktrader.security.Role.Capability;
import io.cracktrader.service.Blocking;
import io.cracktrader.service.strategy.StrategyBacktests;
import io.cracktrader.service.strategy.StrategyConfigRequest;
import io.cracktrader.service.strategy.StrategyEnsembles;
import io.cracktrader.service.strategy.StrategyManager;
import io.cracktrader.service.strategy.StrategyPerformance;
import io.cracktrader.service.strategy.StrategyTemplates;
import io.cracktrader.service.strategy.StrategyViews.BacktestView;
import io.cracktrader.service.strategy.StrategyViews.CategoryView;
import io.cracktrader.service.strategy.StrategyViews.ComparisonView;
import io.cracktrader.service.strategy.StrategyViews.HistoryView;
import io.cracktrader.service.strategy.StrategyViews.PerformanceSummary;
import io.cracktrader.service.strategy.StrategyViews.SignalView;
import io.cracktrader.service.strategy.StrategyViews.StrategyDetail;
import io.cracktrader.service.strategy.StrategyViews.StrategyPage;
import io.cracktrader.service.strategy.StrategyViews.StrategyView;
import io.cracktrader.service.strategy.StrategyViews.TemplateView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Strategy instances (strategy-management API): each is a strategy type with parameters and markets, owned by a user and
 * shareable. Reads need a permission on the strategy as well as the role's capability.
 */
@Path("/api/strategies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Strategies", description = "Configured strategies: CRUD, start/stop, signals, performance, backtests, "
        + "comparison, history, templates, ensembles (strategy-management API)")
public class StrategiesResource {

    /** The strategy-management API's create body: {@code {"config": {...}, "auto_start", "validate_parameters"}}, or the config itself. */
    @RegisterForReflection
    @Schema(name = "CreateStrategyRequest")
    public record CreateRequest(StrategyConfigRequest config,
                                @Schema(defaultValue = "false") Boolean autoStart,
                                @Schema(defaultValue = "true") Boolean validateParameters,
                                @Schema(hidden = true) String name, @Schema(hidden = true) String description,
                                @Schema(hidden = true) String category, @Schema(hidden = true) String strategyType,
                                @Schema(hidden = true) Map<String, Object> parameters,
                                @Schema(hidden = true) String riskLevel, @Schema(hidden = true) List<String> tags,
                                @Schema(hidden = true) String timeframe, @Schema(hidden = true) List<String> symbols,
                                @Schema(hidden = true) String exchange, @Schema(hidden = true) Double initialCapital) {
        StrategyConfigRequest effective() {
            return config != null ? config : new StrategyConfigRequest(name, description, category, strategyType,
                    parameters, riskLevel, tags, timeframe, symbols, exchange, initialCapital, null);
        }
    }


    @RegisterForReflection
    @Schema(name = "ShareStrategyRequest")
    public record ShareRequest(@Schema(required = true) String username,
                               @Schema(description = "Subset of read, write, execute, delete, share; empty to unshare")
                               List<String> permissions) {
    }

    private final StrategyManager strategies;
    private final StrategyPerformance performance;
    private final StrategyBacktests backtests;
    private final StrategyEnsembles ensembles;
    private final StrategyTemplates templates;
    private final CurrentCaller caller;

    public StrategiesResource(StrategyManager strategies, StrategyPerformance performance, StrategyBacktests backtests,
                              StrategyEnsembles ensembles, StrategyTemplates templates, CurrentCaller caller) {
        this.strategies = strategies;
        this.performance = performance;
        this.backtests = backtests;
        this.ensembles = ensembles;
        this.templates = templates;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Strategies you own or that are shared with you (all, for an admin), paginated")
    public Uni<StrategyPage> list(@QueryParam("page") @DefaultValue("1") int page,
                                  @Parameter(description = "1-100") @QueryParam("size") @DefaultValue("20") int size,
                                  @QueryParam("category") String category, @QueryParam("status") String status,
                                  @QueryParam("risk_level") String riskLevel,
                                  @Parameter(description = "In name and description") @QueryParam("search") String search,
                                  @Parameter(description = "Every tag must match; repeat or comma-separate")
                                  @QueryParam("tags") List<String> tags,
                                  @Parameter(description = "created_at (default), updated_at, name, category, status, risk_level")
                                  @QueryParam("sort_by") String sortBy,
                                  @Parameter(description = "asc or desc (default)") @QueryParam("sort_order") String sortOrder) {
        Caller c = caller.get();
        return Blocking.call(() -> strategies.list(c, category, status, riskLevel, search, tags, sortBy, sortOrder, page, size));
    }

    @POST
    @RolesAllowed(Capability.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a strategy; parameters are checked against the type's schema (422 names each bad one)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = StrategyView.class)))
    public Uni<Response> create(CreateRequest request) {
        Caller c = caller.get();
        if (request == null) {
            throw new InvalidRequestException(Map.of("config", "is required"));
        }
        return Blocking.call(() -> {
            StrategyView created = strategies.create(c, request.effective(), Boolean.TRUE.equals(request.autoStart()),
                    !Boolean.FALSE.equals(request.validateParameters()));
            return Response.created(URI.create("/api/strategies/" + created.id())).entity(created).build();
        });
    }

    @GET
    @Path("/templates")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Ready-made configurations of every strategy type")
    public Uni<Map<String, List<TemplateView>>> templates(@QueryParam("category") String category,
                                                         @QueryParam("risk_level") String riskLevel) {
        return Blocking.call(() -> Map.of("templates", templates.templates(category, riskLevel)));
    }

    @GET
    @Path("/categories")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Strategy categories with how many of your strategies use each and how many run")
    public Uni<Map<String, List<CategoryView>>> categories() {
        Caller c = caller.get();
        return Blocking.call(() -> Map.of("categories", templates.categories(c)));
    }

    @POST
    @Path("/compare")
    @RolesAllowed(Capability.BACKTEST)
    @Operation(summary = "Compare 2-10 strategies' performance over a period, with rankings per metric")
    public Uni<ComparisonView> compare(@Parameter(description = "2-10 ids; repeat or comma-separate")
                                       @QueryParam("strategy_ids") List<String> ids,
                                       @Parameter(description = "1d, 7d, 30d (default), 90d, 1y, all")
                                       @QueryParam("period") String period,
                                       @Parameter(description = "Subset of total_return, sharpe_ratio, sortino_ratio, "
                                               + "calmar_ratio, max_drawdown, win_rate, profit_factor, total_trades")
                                       @QueryParam("metrics") List<String> metrics) {
        Caller c = caller.get();
        return Blocking.call(() -> performance.compare(c, ids, period, metrics));
    }

    @POST
    @Path("/ensemble")
    @RolesAllowed(Capability.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an ensemble: weights summing to 1, rebalance frequency, and max_drawdown / stop_loss "
            + "limits that stop every member when reached while running")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = StrategyView.class)))
    public Uni<Response> ensemble(StrategyEnsembles.EnsembleRequest request) {
        Caller c = caller.get();
        return Blocking.call(() -> {
            StrategyView created = ensembles.create(c, request);
            return Response.created(URI.create("/api/strategies/" + created.id())).entity(created).build();
        });
    }

    @GET
    @Path("/{strategy_id}")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "A strategy with its configuration, performance, recent signals and sharing")
    public Uni<StrategyDetail> get(@PathParam("strategy_id") String id) {
        Caller c = caller.get();
        return Blocking.call(() -> strategies.get(c, id));
    }

    @PUT
    @Path("/{strategy_id}")
    @RolesAllowed(Capability.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change configuration or parameters (fields given replace the old ones), or status to start/stop")
    public Uni<StrategyView> update(@PathParam("strategy_id") String id, StrategyConfigRequest change) {
        Caller c = caller.get();
        return Blocking.call(() -> strategies.update(c, id, change));
    }

    @DELETE
    @Path("/{strategy_id}")
    @RolesAllowed(Capability.WRITE)
    @Operation(summary = "Delete a strategy for good (owner or admin, or a delete grant); a running one is stopped first")
    public Uni<Map<String, Object>> delete(@PathParam("strategy_id") String id) {
        Caller c = caller.get();
        return Blocking.call(() -> {
            strategies.delete(c, id);
            return Map.of("success", true, "message", "Strategy " + id + " deleted");
        });
    }

    @POST
    @Path("/{strategy_id}/start")
    @RolesAllowed(Capability.EXECUTE)
    @Operation(summary = "Start the strategy as a paper run (or sandbox/live, where allowed)")
    public Uni<StrategyView> start(@PathParam("strategy_id") String id,
                                   @Parameter(description = "paper (default), sandbox or live")
                                   @QueryParam("mode") String mode) {
        Caller c = caller.get();
        return Blocking.call(() -> strategies.start(c, id, mode));
    }

    @POST
    @Path("/{strategy_id}/stop")
    @RolesAllowed(Capability.EXECUTE)
    @Operation(summary = "Stop the strategy's run; its results are kept")
    public Uni<StrategyView> stop(@PathParam("strategy_id") String id) {
        Caller c = caller.get();
        return Blocking.call(() -> strategies.stop(c, id));
    }

    @POST
    @Path("/{strategy_id}/share")
    @RolesAllowed(Capability.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Share the strategy with another user (read is always included); empty permissions unshare")
    public Uni<Map<String, Object>> share(@PathParam("strategy_id") String id, ShareRequest request) {
        Caller c = caller.get();
        ShareRequest body = request == null ? new ShareRequest(null, null) : request;
        return Blocking.call(() -> Map.of("strategy_id", id, "shared_with",
                strategies.share(c, id, body.username(), body.permissions())));
    }

    @GET
    @Path("/{strategy_id}/signals")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "The strategy's trading signals (fills of its paper/live runs), newest first")
    public Uni<Map<String, Object>> signals(@PathParam("strategy_id") String id,
                                            @Parameter(description = "1-500") @QueryParam("limit") @DefaultValue("50") int limit,
                                            @Parameter(description = "ISO-8601 instant") @QueryParam("since") String since) {
        Caller c = caller.get();
        Instant from = instant("since", since);
        return Blocking.call(() -> {
            List<SignalView> items = performance.signals(c, id, limit, from);
            return Map.of("strategy_id", id, "signals", items, "count", items.size());
        });
    }

    @GET
    @Path("/{strategy_id}/performance")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Performance of the current or last paper/live run over a period (1d, 7d, 30d, 90d, 1y, all)")
    public Uni<PerformanceSummary> performance(@PathParam("strategy_id") String id,
                                               @QueryParam("period") @DefaultValue("all") String period) {
        Caller c = caller.get();
        return Blocking.call(() -> performance.performance(c, id, period));
    }

    @POST
    @Path("/{strategy_id}/backtest")
    @RolesAllowed(Capability.BACKTEST)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue a backtest of the strategy (a stored run, fair with everyone's backtests), with an optional "
            + "Monte Carlo bootstrap of its trades and a rolling walk-forward; answers at once with where to read it")
    @APIResponse(responseCode = "202", description = "Queued; poll the Location until status is completed, failed or stopped "
            + "(stop it with POST /api/v1/runs/{run_id}/stop)",
            content = @Content(schema = @Schema(implementation = BacktestView.class)))
    public Uni<Response> backtest(@PathParam("strategy_id") String id, StrategyBacktests.BacktestRequest request) {
        Caller c = caller.get();
        return Blocking.call(() -> {
            BacktestView queued = backtests.start(c, id, request);
            return Response.accepted(queued).location(URI.create(queued.location())).build();
        });
    }

    @GET
    @Path("/{strategy_id}/backtests/{run_id}")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "A backtest of the strategy: its status and progress, and once completed its metrics, "
            + "Monte Carlo and walk-forward")
    public Uni<BacktestView> backtestResult(@PathParam("strategy_id") String id, @PathParam("run_id") String runId) {
        Caller c = caller.get();
        return Blocking.call(() -> backtests.get(c, id, runId));
    }

    @GET
    @Path("/{strategy_id}/history")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Every change and run of the strategy, with who did it, newest first")
    public Uni<Map<String, Object>> history(@PathParam("strategy_id") String id,
                                            @QueryParam("limit") @DefaultValue("100") int limit,
                                            @Parameter(description = "created, updated, started, stopped, shared, "
                                                    + "run_finished, run_failed, backtest_completed, backtest_failed, "
                                                    + "risk_stop, interrupted")
                                            @QueryParam("event_type") String eventType,
                                            @Parameter(description = "ISO-8601 instant") @QueryParam("since") String since) {
        Caller c = caller.get();
        Instant from = instant("since", since);
        return Blocking.call(() -> {
            List<HistoryView> items = performance.history(c, id, limit, eventType, from);
            return Map.of("strategy_id", id, "history", items, "count", items.size());
        });
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(value));
            } catch (NumberFormatException nope) {
                throw new InvalidRequestException(Map.of(field, "must be an ISO-8601 instant or epoch milliseconds"));
            }
        }
    }
}
