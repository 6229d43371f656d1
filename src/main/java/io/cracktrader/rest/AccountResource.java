package io.cracktrader.rest;

import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.exchange.ExchangeModule;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.exchange.xchange.ExchangeCredentials;
import io.cracktrader.security.Caller;
import io.cracktrader.security.CurrentCaller;
import io.cracktrader.security.Role.Capability;
import io.cracktrader.service.Blocking;
import io.cracktrader.trading.AccountService;
import io.cracktrader.trading.CredentialStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Balances and positions of the trading API, and the exchange credentials orders and runs use. */
@Path("/api/account")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Account", description = "Balances, positions and exchange credentials (trading API); credentials are stored "
        + "encrypted and never shown back")
public class AccountResource {
    private final AccountService accounts;
    private final CredentialStore credentials;
    private final ExchangeRegistry exchanges;
    private final CurrentCaller caller;

    public AccountResource(AccountService accounts, CredentialStore credentials, ExchangeRegistry exchanges,
                           CurrentCaller caller) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.exchanges = exchanges;
        this.caller = caller;
    }

    @GET
    @Path("/balance")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Balances per exchange (asset → total) and their total in USDT at last prices; without "
            + "`exchange`: the simulated account and every exchange you stored credentials for")
    public Uni<AccountService.BalanceView> balance(@Parameter(description = "Only this exchange") @QueryParam("exchange") String exchange) {
        Caller c = caller.get();
        return Blocking.call(() -> accounts.balance(c.username(), exchange));
    }

    @GET
    @Path("/positions")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Net holdings built from your filled orders, with average entry and unrealized P&L at the last price")
    public Uni<AccountService.PositionsView> positions(@Parameter(description = "Only this exchange") @QueryParam("exchange") String exchange) {
        Caller c = caller.get();
        return Blocking.call(() -> accounts.positions(c.username(), exchange));
    }

    @GET
    @Path("/credentials")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Which exchanges you stored credentials for (never the credentials themselves)")
    public Uni<Map<String, List<CredentialStore.CredentialView>>> credentials() {
        Caller c = caller.get();
        return Blocking.call(() -> Map.of("credentials", credentials.list(c.username())));
    }

    @PUT
    @Path("/credentials/{exchange}")
    @RolesAllowed(Capability.TRADE)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store your API credentials for an exchange: the exchange_config of the runner API (apiKey, secret, "
            + "password or passphrase, uid, sandbox). Encrypted at rest; the answer says only that they are configured.")
    public Uni<CredentialStore.CredentialView> store(@PathParam("exchange") String exchange, Map<String, Object> config) {
        Caller c = caller.get();
        ExchangeModule module = exchanges.module(exchange.toLowerCase(Locale.ROOT));
        if (module == null || module.simulated()) {
            throw new InvalidRequestException(Map.of("exchange", "'" + exchange + "' is not an exchange that takes credentials"));
        }
        ExchangeCredentials keys = ExchangeCredentials.parse(config);
        if (keys.sandbox() && !module.sandbox()) {
            throw new InvalidRequestException(Map.of("sandbox", module.name() + " has no testnet through XChange"));
        }
        return Blocking.call(() -> {
            credentials.save(c.username(), module.name(), keys);
            return credentials.list(c.username()).stream().filter(v -> v.exchange().equals(module.name())).findFirst()
                    .orElseThrow();
        });
    }

    @DELETE
    @Path("/credentials/{exchange}")
    @RolesAllowed(Capability.TRADE)
    @Operation(summary = "Forget your credentials for an exchange")
    public Uni<Map<String, Object>> forget(@PathParam("exchange") String exchange) {
        Caller c = caller.get();
        String name = exchange.toLowerCase(Locale.ROOT);
        return Blocking.call(() -> {
            if (!credentials.delete(c.username(), name)) {
                throw new NotFoundException("No credentials stored for " + name);
            }
            return Map.of("exchange", name, "deleted", true);
        });
    }
}
