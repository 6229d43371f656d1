package io.cracktrader.rest;

import io.cracktrader.security.AuthService;
import io.cracktrader.security.CurrentCaller;
import io.cracktrader.security.Role;
import io.cracktrader.service.Blocking;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** User management (admin role). */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Capability.ADMIN)
@Tag(name = "Users", description = "Accounts and roles (admin only)")
public class UsersResource {

    @RegisterForReflection
    public record UserRequest(@Schema(example = "alice") String username, String password,
                              @Schema(enumeration = {"admin", "trader", "analyst", "viewer"}, defaultValue = "viewer")
                              String role) {
    }

    private final AuthService auth;
    private final CurrentCaller caller;

    public UsersResource(AuthService auth, CurrentCaller caller) {
        this.auth = auth;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Every user with role and permissions")
    public Uni<Map<String, List<AuthResource.UserView>>> list() {
        return Blocking.call(() -> Map.of("users", auth.users().stream().map(AuthResource.UserView::of).toList()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = AuthResource.UserView.class)))
    public Uni<Response> create(UserRequest request) {
        UserRequest body = request == null ? new UserRequest(null, null, null) : request;
        return Blocking.call(() -> Response.status(201)
                .entity(AuthResource.UserView.of(auth.createUser(body.username(), body.password(), body.role()))).build());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user's role or password (a new password ends their sessions)")
    public Uni<AuthResource.UserView> update(@PathParam("id") String id, UserRequest request) {
        UserRequest body = request == null ? new UserRequest(null, null, null) : request;
        return Blocking.call(() -> AuthResource.UserView.of(auth.updateUser(id, body.password(), body.role())));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a user, their keys and sessions")
    public Uni<Map<String, Object>> delete(@PathParam("id") String id) {
        var c = caller.get();
        return Blocking.call(() -> {
            auth.deleteUser(c, id);
            return Map.of("success", true, "message", "User " + id + " deleted");
        });
    }
}
