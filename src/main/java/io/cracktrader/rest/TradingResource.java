package io.cracktrader.rest;

import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.MalformedRequestException;
import io.cracktrader.security.Caller;
import io.cracktrader.security.CurrentCaller;
import io.cracktrader.security.Role.Capability;
import io.cracktrader.service.Blocking;
import io.cracktrader.trading.OrderService;
import io.cracktrader.trading.OrderView;
import io.cracktrader.trading.PlaceOrderRequest;
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

/** Orders of the trading API on the simulated exchange or a real one (XChange), each user's own. */
@Path("/api/trading")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Trading", description = "Place, list and cancel orders (trading API); at most 10 orders per second per user")
public class TradingResource {
    private static final int MAX_LIST = 500;

    private final OrderService orders;
    private final CurrentCaller caller;

    public TradingResource(OrderService orders, CurrentCaller caller) {
        this.orders = orders;
        this.caller = caller;
    }

    @POST
    @Path("/order")
    @RolesAllowed(Capability.TRADE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order. Checked first against the instrument's minimum and precision, the available "
            + "funds and the configured maximum notional. Repeating a client_order_id returns the existing order (200) "
            + "instead of placing a second one (201). Real-account orders need live trading enabled.")
    @APIResponse(responseCode = "201", description = "Placed", content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "200", description = "An order with this client_order_id already exists: it is returned",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    public Uni<Response> place(PlaceOrderRequest request,
                               @Parameter(description = "Exchange; default from configuration") @QueryParam("exchange") String exchange) {
        Caller c = caller.get();
        if (request == null) {
            throw new MalformedRequestException("The request body must be a JSON object");
        }
        return Blocking.call(() -> {
            OrderService.Placed placed = orders.place(c.username(), request, exchange);
            return placed.created()
                    ? Response.created(URI.create("/api/trading/order/" + placed.order().orderId())).entity(placed.order()).build()
                    : Response.ok(placed.order()).build();
        });
    }

    @GET
    @Path("/orders")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Your orders, newest first; working orders on real exchanges are refreshed from the exchange")
    public Uni<Map<String, List<OrderView>>> list(
            @Parameter(description = "Only this exchange") @QueryParam("exchange") String exchange,
            @Parameter(description = "pending, open, partially_filled, filled, cancelled, rejected (comma-separated)")
            @QueryParam("status") String status,
            @Parameter(description = "BTC/USDT or BTC-USDT") @QueryParam("symbol") String symbol,
            @Parameter(description = "At most this many, 1-500") @QueryParam("limit") @DefaultValue("100") int limit) {
        Caller c = caller.get();
        if (limit < 1 || limit > MAX_LIST) {
            throw new InvalidRequestException(Map.of("limit", "must be between 1 and " + MAX_LIST));
        }
        return Blocking.call(() -> Map.of("orders", orders.list(c.username(), exchange, status, symbol, limit)));
    }

    @DELETE
    @Path("/order/{order_id}")
    @RolesAllowed(Capability.TRADE)
    @Operation(summary = "Cancel a working order; what it held is released")
    public Uni<OrderView> cancel(@PathParam("order_id") String orderId) {
        Caller c = caller.get();
        return Blocking.call(() -> orders.cancel(c.username(), orderId));
    }
}
