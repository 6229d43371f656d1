package io.cracktrader.rest;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.security.AuthService;
import io.cracktrader.security.Caller;
import io.cracktrader.security.CurrentCaller;
import io.cracktrader.security.UserStore;
import io.cracktrader.service.Blocking;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Login with JWTs (trading API, control-panel API, strategy-management API), sessions, and the caller's own API keys. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication", description = "JWT login and refresh, API keys; send either as Authorization: Bearer")
public class AuthResource {

    @RegisterForReflection
    public record LoginRequest(@Schema(required = true, example = "admin") String username,
                               @Schema(required = true) String password) {
    }

    @RegisterForReflection
    public record RefreshRequest(@Schema(required = true) String refreshToken) {
    }

    @RegisterForReflection
    public record UserView(String id, String username, String role, Set<String> permissions, Instant createdAt) {
        static UserView of(UserStore.User u) {
            return new UserView(u.id(), u.username(), u.role().code(), new TreeSet<>(u.role().capabilities()),
                    Instant.ofEpochMilli(u.createdAt()));
        }
    }

    @RegisterForReflection
    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken, UserView user) {
    }

    @RegisterForReflection
    public record AuthStatus(boolean authenticated, String username, String role, Set<String> permissions,
                             @Schema(enumeration = {"jwt", "api_key"}) String method, Instant expiresAt) {
    }

    @RegisterForReflection
    public record PasswordChange(@Schema(required = true) String currentPassword,
                                 @Schema(required = true) String newPassword) {
    }

    @RegisterForReflection
    public record KeyRequest(@Schema(required = true, example = "research notebook") String name,
                             @Schema(description = "read: GET only; write: everything the owner's role allows",
                                     example = "[\"read\"]") List<String> permissions,
                             @Schema(description = "Requests per minute; default 100 (trading API)") Integer rateLimit,
                             @Schema(description = "Days until the key stops working; default never") Integer expiresInDays) {
    }

    @RegisterForReflection
    public record KeyView(String id, String name, List<String> permissions, int rateLimit, Instant createdAt,
                          Instant expiresAt, Instant revokedAt, Instant lastUsedAt,
                          @Schema(description = "The key itself: shown only in the answer to its creation") String key) {
    }

    private final AuthService auth;
    private final CurrentCaller caller;
    private final CurrentIdentityAssociation identity;
    private final int defaultKeyLimit;

    public AuthResource(AuthService auth, CurrentCaller caller, CurrentIdentityAssociation identity,
                        CracktraderConfig config) {
        this.auth = auth;
        this.caller = caller;
        this.identity = identity;
        this.defaultKeyLimit = config.rateLimit().apiKeyPerMinute();
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in: an access token (JWT) and a refresh token")
    @APIResponse(responseCode = "429", description = "Too many failed logins for this account or address; see Retry-After",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TokenResponse> login(LoginRequest request, @Context HttpServerRequest http) {
        LoginRequest body = request == null ? new LoginRequest(null, null) : request;
        String address = http.remoteAddress() == null ? null : http.remoteAddress().host();
        return Blocking.call(() -> tokens(auth.login(body.username(), body.password(), address)));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new access token for a live session's refresh token")
    public Uni<TokenResponse> refresh(RefreshRequest request) {
        return Blocking.call(() -> tokens(auth.refresh(request == null ? null : request.refreshToken())));
    }

    @POST
    @Path("/logout")
    @Authenticated
    @Operation(summary = "End this session: its access and refresh tokens stop working")
    public Uni<Map<String, Object>> logout() {
        Caller c = caller.get();
        return Blocking.call(() -> {
            auth.logout(c);
            return Map.of("success", true, "message", "Logged out");
        });
    }

    @GET
    @Path("/status")
    @PermitAll
    @Operation(summary = "Whether the request is authenticated, as whom and with which permissions")
    public Uni<AuthStatus> status() {
        // Public: resolve the (lazy) identity here, so a missing or bad token answers "not authenticated".
        return identity.getDeferredIdentity()
                .map(id -> id.isAnonymous() ? null : (Caller) id.getAttribute(Caller.ATTRIBUTE))
                .onFailure().recoverWithNull()
                .map(c -> c == null ? new AuthStatus(false, null, null, Set.of(), null, null)
                        : new AuthStatus(true, c.username(), c.role().code(), new TreeSet<>(c.capabilities()), c.method(),
                                c.expiresAtMillis() == 0 ? null : Instant.ofEpochMilli(c.expiresAtMillis())));
    }

    @PUT
    @Path("/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change your password; every session of yours ends")
    public Uni<Map<String, Object>> changePassword(PasswordChange change) {
        Caller c = caller.get();
        PasswordChange body = change == null ? new PasswordChange(null, null) : change;
        return Blocking.call(() -> {
            auth.changePassword(c, body.currentPassword(), body.newPassword());
            return Map.of("success", true, "message", "Password changed; log in again");
        });
    }

    @GET
    @Path("/keys")
    @Authenticated
    @Operation(summary = "Your API keys (never the secrets)")
    public Uni<Map<String, List<KeyView>>> keys() {
        Caller c = caller.get();
        return Blocking.call(() -> Map.of("keys", auth.keys(c).stream().map(k -> view(k, null)).toList()));
    }

    @POST
    @Path("/keys")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key; the answer is the only time its secret is shown")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = KeyView.class)))
    public Uni<Response> createKey(KeyRequest request) {
        Caller c = caller.get();
        if (!Caller.JWT.equals(c.method())) {
            throw new NotPermittedException("API keys are created from a login session, not with another key");
        }
        KeyRequest body = request == null ? new KeyRequest(null, null, null, null) : request;
        return Blocking.call(() -> {
            AuthService.NewKey created = auth.createKey(c, body.name(), body.permissions(), body.rateLimit(),
                    body.expiresInDays());
            return Response.status(201).entity(view(created.key(), created.secret())).build();
        });
    }

    @DELETE
    @Path("/keys/{id}")
    @Authenticated
    @Operation(summary = "Revoke an API key: it stops working at once")
    public Uni<Map<String, Object>> revokeKey(@PathParam("id") String id) {
        Caller c = caller.get();
        return Blocking.call(() -> {
            auth.revokeKey(c, id);
            return Map.of("success", true, "message", "API key " + id + " revoked");
        });
    }

    private KeyView view(UserStore.ApiKey k, String secret) {
        return new KeyView(k.id(), k.name(), k.permissions(), k.rateLimit() == null ? defaultKeyLimit : k.rateLimit(),
                Instant.ofEpochMilli(k.createdAt()), instant(k.expiresAt()), instant(k.revokedAt()),
                instant(k.lastUsedAt()), secret);
    }

    private static TokenResponse tokens(AuthService.Tokens t) {
        return new TokenResponse(t.accessToken(), "bearer", t.expiresIn(), t.refreshToken(), UserView.of(t.user()));
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

}
