package io.cracktrader.rest;

import io.cracktrader.error.NotFoundException;
import io.cracktrader.security.CurrentCaller;
import io.cracktrader.security.Role.Capability;
import io.cracktrader.service.DatasetService;
import io.cracktrader.service.view.DatasetView;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Imported market data that runs can use instead of an exchange ({@code "dataset": name}). */
@Path("/api/v1/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Datasets", description = "Import OHLCV data from CSV and backtest on it")
public class DatasetsResource {
    private final DatasetService datasets;
    private final CurrentCaller caller;

    public DatasetsResource(DatasetService datasets, CurrentCaller caller) {
        this.datasets = datasets;
        this.caller = caller;
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import CSV rows timestamp,open,high,low,close,volume (header optional; epoch ms or ISO "
            + "time); 422 names the first bad row")
    @APIResponse(responseCode = "201", description = "Imported", content = @Content(schema = @Schema(implementation = DatasetView.class)))
    @APIResponse(responseCode = "409", description = "A dataset of that name exists",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @RolesAllowed(Capability.BACKTEST)
    public Uni<Response> importCsv(@Parameter(description = "Dataset name", required = true) @QueryParam("name") String name,
                                   @Parameter(description = "Symbol label for runs; default the name")
                                   @QueryParam("symbol") String symbol,
                                   @QueryParam("replace") @DefaultValue("false") boolean replace, String csv) {
        return datasets.importCsv(caller.get(), name, symbol, csv, replace)
                .map(d -> Response.created(URI.create("/api/v1/datasets/" + d.name())).entity(d).build());
    }

    @GET
    @Operation(summary = "Imported datasets")
    @RolesAllowed(Capability.READ)
    public Uni<Map<String, List<DatasetView>>> list() {
        return datasets.list(caller.get()).map(items -> Map.of("datasets", items));
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One dataset's description")
    @RolesAllowed(Capability.READ)
    public Uni<DatasetView> get(@PathParam("name") String name) {
        return datasets.get(caller.get(), name).onItem().ifNull().failWith(() -> notFound(name));
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a dataset (runs made with it keep their results)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @RolesAllowed(Capability.BACKTEST)
    public Uni<Response> delete(@PathParam("name") String name) {
        return datasets.delete(caller.get(), name).onItem().ifNull().failWith(() -> notFound(name))
                .map(x -> Response.noContent().build());
    }

    private static NotFoundException notFound(String name) {
        return new NotFoundException("No dataset called " + name);
    }
}
