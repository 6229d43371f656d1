package io.cracktrader.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.security.Role;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one error body for what is refused before JAX-RS sees a request (docs/API-CONTRACT.md,
 * "Errors"): an over-long request line (414) or header block (431), a NUL in the URI (400), a body
 * over the size limit (413), an origin the CORS settings do not allow (403), and a WebSocket handshake without a valid
 * token (401) or without the read capability (403).
 *
 * <p>Each is checked here, with the same rules as the layer that would otherwise refuse it, because
 * Vert.x's HTTP codec, Quarkus' CORS and body-limit handlers and the WebSocket upgrade check all end
 * the response with an empty body and offer no hook for one. The codec's own limits are set well
 * above ours (application.properties), so that a request between the two gets this body; only one
 * past the codec's limits is still answered by the codec.
 */
@ApplicationScoped
public class EdgeRejections {
    /** The longest request target, as Vert.x' default request-line limit allows. */
    static final int MAX_URI_LENGTH = 4096;
    /** The largest header block, as Vert.x' default header limit allows. */
    static final int MAX_HEADER_BYTES = 20 * 1024;
    /** After authentication (Quarkus' security handler runs at -200), before any route. */
    private static final int AFTER_AUTHENTICATION = -150;
    /** Before Quarkus' CORS filter (-300) and our rate limits (-1000). */
    private static final int BEFORE_CORS = -1100;

    private final ObjectMapper json;
    private final Optional<Long> maxBodyBytes;
    private final boolean anyOrigin;
    private final List<String> origins;
    private final List<Pattern> originPatterns;

    public EdgeRejections(ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        this.json = json;
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue);
        this.origins = origins.orElse(List.of());
        this.anyOrigin = this.origins.contains("*") || this.origins.contains("/.*/");
        this.originPatterns = CORSFilter.parseAllowedOriginsRegex(origins);
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_CORS).handler(this::checkSizeAndOrigin);
        router.route("/ws*").order(AFTER_AUTHENTICATION).handler(this::checkHandshake);
    }

    void checkSizeAndOrigin(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.uri().length() > MAX_URI_LENGTH) {
            reject(rc, 414, ErrorCode.REQUEST_TOO_LARGE, "The request URI is over " + MAX_URI_LENGTH + " characters",
                    Map.of("limit", MAX_URI_LENGTH));
            return;
        }
        if (request.uri().contains("%00") || request.uri().indexOf('\0') >= 0) {
            // No id, name or parameter holds a NUL, and PostgreSQL cannot even compare one: refused alike on both databases.
            reject(rc, 400, ErrorCode.VALIDATION_ERROR, "The request URI contains a NUL character (%00)", Map.of());
            return;
        }
        if (headerBytes(request) > MAX_HEADER_BYTES) {
            reject(rc, 431, ErrorCode.REQUEST_TOO_LARGE, "The request headers are over " + MAX_HEADER_BYTES + " bytes",
                    Map.of("limit", MAX_HEADER_BYTES));
            return;
        }
        Long length = contentLength(request);
        if (length != null && maxBodyBytes.isPresent() && length > maxBodyBytes.get()) {
            // Not closed at once (as Quarkus' own limit does): a client still sending would see a broken pipe
            // instead of this answer. "Connection: close" ends the connection after the answer.
            rc.response().putHeader("Connection", "close");
            reject(rc, 413, ErrorCode.REQUEST_TOO_LARGE, "The request body is over " + maxBodyBytes.get() + " bytes",
                    Map.of("limit", maxBodyBytes.get()));
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !originAllowed(request, origin)) {
            reject(rc, 403, ErrorCode.AUTHORIZATION_ERROR, "Origin " + origin + " may not call this service"
                    + " (CRACKTRADER_CORS_ORIGINS lists the origins that may)", Map.of());
            return;
        }
        rc.next();
    }

    /** WebSocket endpoints all need the read capability; the upgrade check itself would answer bodiless. */
    void checkHandshake(RoutingContext rc) {
        if (!rc.request().headers().contains("Sec-WebSocket-Key")) {
            rc.next();
            return;
        }
        Uni<SecurityIdentity> deferred = rc.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (deferred == null) {
            rc.next();
            return;
        }
        deferred.subscribe().with(identity -> {
            if (identity == null || identity.isAnonymous()) {
                rc.response().putHeader("WWW-Authenticate", "Bearer");
                reject(rc, 401, ErrorCode.AUTHENTICATION_ERROR, "Authentication required: pass ?token=<token> "
                        + "or Authorization: Bearer <token> (POST /api/auth/login or an API key)", Map.of());
            } else if (!identity.hasRole(Role.Capability.READ)) {
                reject(rc, 403, ErrorCode.AUTHORIZATION_ERROR, "This token may not read", Map.of());
            } else {
                rc.next();
            }
        }, failure -> {
            rc.response().putHeader("WWW-Authenticate", "Bearer");
            reject(rc, 401, ErrorCode.AUTHENTICATION_ERROR, "Invalid, expired or revoked token", Map.of());
        });
    }

    /**
     * Quarkus' CORS rules (quarkus.http.cors.origins): a listed origin, a matching /regex/, any origin
     * for "*", and always the service's own origin.
     */
    boolean originAllowed(HttpServerRequest request, String origin) {
        if (anyOrigin || origins.contains(origin) || CORSFilter.isOriginAllowedByRegex(originPatterns, origin)) {
            return true;
        }
        return sameOrigin(request, origin);
    }

    static boolean sameOrigin(HttpServerRequest request, String origin) {
        URI own;
        URI theirs;
        try {
            own = URI.create(request.absoluteURI());
            theirs = URI.create(origin);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        if (theirs.getHost() == null || own.getHost() == null || (theirs.getPath() != null && !theirs.getPath().isEmpty())) {
            return false;
        }
        return own.getScheme().equalsIgnoreCase(String.valueOf(theirs.getScheme()))
                && own.getHost().equalsIgnoreCase(theirs.getHost()) && port(own) == port(theirs);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static int headerBytes(HttpServerRequest request) {
        int bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }

    private static Long contentLength(HttpServerRequest request) {
        String value = request.getHeader("Content-Length");
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Ends the request with the one error body. */
    void reject(RoutingContext rc, int status, ErrorCode code, String message, Map<String, ?> details) {
        String path = rc.request().path();
        if (path != null && path.length() > 256) {
            path = path.substring(0, 256) + "…"; // an over-long path is not echoed whole
        }
        send(rc, json, ErrorBody.of(status, code, message, details, path, RequestIds.of(rc.request())));
    }

    static void send(RoutingContext rc, ObjectMapper json, ErrorBody body) {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        rc.response().setStatusCode(body.statusCode()).putHeader("Content-Type", "application/json").end(text);
    }
}
