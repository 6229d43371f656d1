package io.cracktrader.rest;

import io.cracktrader.security.AuditLog;
import io.cracktrader.security.Caller;
import io.cracktrader.service.Blocking;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records every state-changing request (POST, PUT, PATCH, DELETE) in the audit log: user, time,
 * method and path, target id and the answer's status. Written off the event loop; a failure to
 * record is logged, never turned into a failed request. Request bodies are not recorded: they may
 * hold passwords and exchange keys.
 */
public class AuditFilter {
    private static final Logger LOG = Logger.getLogger(AuditFilter.class);
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** The id after a collection name, e.g. /api/strategies/{id}/start → {id}. */
    private static final Pattern TARGET = Pattern.compile(
            "/(?:strategies|runs|users|keys|datasets|order)/([^/]+)");

    private final AuditLog audit;
    private final CurrentIdentityAssociation identity;

    public AuditFilter(AuditLog audit, CurrentIdentityAssociation identity) {
        this.audit = audit;
        this.identity = identity;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String method = request.getMethod();
        if (!CHANGING.contains(method)) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/api/auth/login") || path.startsWith("/api/auth/refresh")) {
            // Logins are recorded under the user they were for only when they succeed (no username guessing noise).
            if (response.getStatus() >= 300) {
                return;
            }
        }
        String username = username(request);
        Matcher m = TARGET.matcher(path);
        String target = m.find() ? m.group(1) : null;
        Object location = response.getHeaders().getFirst("Location");
        if (target == null && location != null) {
            // A creation: the new resource's id is the last segment of its Location.
            String created = location.toString();
            target = created.substring(created.lastIndexOf('/') + 1);
        }
        String client = http.remoteAddress() == null ? null : http.remoteAddress().host();
        AuditLog.Entry entry = new AuditLog.Entry(0, System.currentTimeMillis(), username, method, path, target,
                response.getStatus(), client);
        Blocking.submit(() -> {
            try {
                audit.record(entry);
            } catch (RuntimeException e) {
                LOG.warnf("Could not record %s %s in the audit log: %s", method, path, e.getMessage());
            }
        });
    }

    private String username(ContainerRequestContext request) {
        if (request.getSecurityContext() != null && request.getSecurityContext().getUserPrincipal() != null) {
            return request.getSecurityContext().getUserPrincipal().getName();
        }
        try {
            SecurityIdentity id = identity.getIdentity();
            Caller caller = id == null || id.isAnonymous() ? null : id.getAttribute(Caller.ATTRIBUTE);
            return caller == null ? null : caller.username();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
