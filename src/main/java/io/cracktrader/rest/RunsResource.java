package io.cracktrader.rest;

import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.security.Caller;
import io.cracktrader.security.CurrentCaller;
import io.cracktrader.security.Role.Capability;
import io.cracktrader.service.RunMode;
import io.cracktrader.service.RunOrchestrator;
import io.cracktrader.service.RunRequest;
import io.cracktrader.service.RunStatus;
import io.cracktrader.service.view.ChartView;
import io.cracktrader.service.view.EquityPointView;
import io.cracktrader.service.view.PageView;
import io.cracktrader.service.view.ResultsView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Many runs at once, each addressed by id (beyond the documents; see docs/API-CONTRACT.md). */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Runs", description = "Start, follow and manage many runs at once")
public class RunsResource {
    private static final int MAX_PAGE_SIZE = 1000;
    private static final int MAX_CANDLES = 20_000;

    private final RunOrchestrator runs;
    private final CurrentCaller caller;

    public RunsResource(RunOrchestrator runs, CurrentCaller caller) {
        this.runs = runs;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Start a run (the runner's body plus `mode`, default backtest); answers 201 at once")
    @APIResponse(responseCode = "201", description = "Created; Location points at the run",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Capability.BACKTEST)
    public Uni<Response> start(RunRequest request) {
        Caller c = caller.get();
        String mode = request == null || request.mode() == null ? "backtest" : request.mode();
        if (!c.mayRun(mode)) {
            throw new NotPermittedException("Your role may not start " + mode + " runs");
        }
        return runs.startRun(request, c)
                .map(v -> Response.created(URI.create("/api/v1/runs/" + v.runId())).entity(v).build());
    }

    @GET
    @Operation(summary = "Runs, newest first, filtered by status, mode and strategy")
    @RolesAllowed(Capability.READ)
    public Uni<PageView<RunView>> list(@QueryParam("page") @DefaultValue("1") int page,
                                       @QueryParam("size") @DefaultValue("20") int size,
                                       @Parameter(description = "starting, running, completed, failed, stopped")
                                       @QueryParam("status") String status,
                                       @Parameter(description = "backtest, paper, sandbox, live")
                                       @QueryParam("mode") String mode,
                                       @Parameter(description = "Strategy type name")
                                       @QueryParam("strategy") String strategy) {
        Map<String, String> errors = pageErrors(page, size);
        if (status != null && RunStatus.fromCode(status) == null) {
            errors.put("status", "must be one of starting, running, completed, failed, stopped");
        }
        if (mode != null && RunMode.fromCode(mode) == null) {
            errors.put("mode", "must be one of backtest, paper, sandbox, live");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return runs.listRuns(caller.get(), status, mode, strategy, page, size);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A run's status, progress and figures")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.READ)
    public Uni<RunView> get(@PathParam("id") String id) {
        return runs.run(caller.get(), id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @GET
    @Path("/{id}/results")
    @Operation(summary = "A run's results: metrics, trades, open positions, equity curve")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.READ)
    public Uni<ResultsView> results(@PathParam("id") String id) {
        return runs.runResults(caller.get(), id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @GET
    @Path("/{id}/trades")
    @Operation(summary = "A run's fills, in execution order, page by page")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.READ)
    public Uni<PageView<TradeView>> trades(@PathParam("id") String id,
                                           @QueryParam("page") @DefaultValue("1") int page,
                                           @QueryParam("size") @DefaultValue("100") int size) {
        Map<String, String> errors = pageErrors(page, size);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return runs.runTrades(caller.get(), id, page, size).onItem().ifNull().failWith(() -> notFound(id));
    }

    @GET
    @Path("/{id}/equity")
    @Operation(summary = "A run's equity curve after each bar, optionally thinned evenly to `points`")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.READ)
    public Uni<List<EquityPointView>> equity(@PathParam("id") String id,
                                             @Parameter(description = "At most this many points (2 or more)")
                                             @QueryParam("points") Integer points) {
        if (points != null && points < 2) {
            throw new InvalidRequestException(Map.of("points", "must be at least 2"));
        }
        return runs.runEquity(caller.get(), id, points).onItem().ifNull().failWith(() -> notFound(id));
    }

    @GET
    @Path("/{id}/candles")
    @Operation(summary = "The candles one symbol of a run traded on, with the strategy's indicator lines",
            description = "Bars are read again from the run's source (dataset, simulated market or the exchange's candle "
                    + "cache). More bars than `limit` are merged into coarser candles; `bars_per_candle` says how many.")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.READ)
    public Uni<ChartView> candles(@PathParam("id") String id,
                                  @Parameter(description = "One of the run's symbols; default its first")
                                  @QueryParam("symbol") String symbol,
                                  @Parameter(description = "At most this many candles, 10-20000")
                                  @QueryParam("limit") @DefaultValue("5000") int limit) {
        if (limit < 10 || limit > MAX_CANDLES) {
            throw new InvalidRequestException(Map.of("limit", "must be between 10 and " + MAX_CANDLES));
        }
        return runs.runCandles(caller.get(), id, symbol, limit).onItem().ifNull().failWith(() -> notFound(id));
    }

    @POST
    @Path("/{id}/stop")
    @Operation(summary = "Stop an active run and keep it, with the trades and equity it made, as `stopped`")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The run is not active", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.BACKTEST)
    public Uni<RunView> stop(@PathParam("id") String id) {
        return runs.stopRun(caller.get(), id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Cancel the run if it is active, then delete it with its results")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such run", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.BACKTEST)
    public Uni<Response> delete(@PathParam("id") String id) {
        return runs.deleteRun(caller.get(), id).onItem().ifNull().failWith(() -> notFound(id))
                .map(deleted -> Response.noContent().build());
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("No run with id " + id);
    }

    private static Map<String, String> pageErrors(int page, int size) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (page < 1) {
            errors.put("page", "must be 1 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.put("size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return errors;
    }
}
