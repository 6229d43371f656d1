package io.cracktrader.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.cracktrader.error.ApiException;
import io.cracktrader.error.ErrorBody;
import io.cracktrader.error.ErrorCode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure to the one error body. Messages are written for the caller; class names,
 * stack traces and driver messages stay in the log.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        Response response = body(e.status(), e.code(), e.getMessage(), e.details(), request);
        if (e.retryAfterSeconds() > 0) {
            return Response.fromResponse(response).header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
        }
        return response;
    }

    /** No credentials, or credentials that do not hold: 401, with the challenge browsers and clients expect. */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, HttpServerRequest request) {
        String message = request.getHeader("Authorization") == null && request.getParam("token") == null
                ? "Authentication required: send Authorization: Bearer <token> (POST /api/auth/login or an API key)"
                : "Invalid, expired or revoked token";
        return Response.fromResponse(body(401, ErrorCode.AUTHENTICATION_ERROR, message, Map.of(), request))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return body(403, ErrorCode.AUTHORIZATION_ERROR, "Your role or API key does not allow " + request.method() + " "
                + request.path(), Map.of(), request);
    }

    /** Well-formed JSON whose values have the wrong type: 422 naming the field. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, HttpServerRequest request) {
        String field = path(e);
        if (field.isEmpty()) {
            return body(400, ErrorCode.VALIDATION_ERROR, "The request body must be a JSON object", Map.of(), request);
        }
        return body(422, ErrorCode.VALIDATION_ERROR, "Request validation failed: " + field,
                Map.of(field, "has the wrong type"), request);
    }

    /** Malformed JSON: 400. */
    @ServerExceptionMapper
    public Response malformed(JsonParseException e, HttpServerRequest request) {
        return body(400, ErrorCode.VALIDATION_ERROR, "Malformed JSON: " + e.getOriginalMessage(), Map.of(), request);
    }

    @ServerExceptionMapper
    public Response mapping(JsonMappingException e, HttpServerRequest request) {
        return body(400, ErrorCode.VALIDATION_ERROR, "The request body does not match the expected shape", Map.of(),
                request);
    }

    /** JAX-RS' own: unknown path, wrong method, unsupported media type, … */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonParseException parse) {
            return malformed(parse, request);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return mismatched(mismatch, request);
        }
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.AUTHENTICATION_ERROR;
            case 403 -> ErrorCode.AUTHORIZATION_ERROR;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_ERROR;
        };
        String message = switch (status) {
            case 404 -> "No such resource: " + request.path();
            case 405 -> "Method " + request.method() + " is not allowed on " + request.path();
            case 406 -> "This resource answers application/json";
            case 415 -> "Send the request body as application/json";
            default -> status >= 500 ? "Internal error" : "Bad request";
        };
        return body(status, code, message, Map.of(), request);
    }

    /** Anything else is our fault: 500 with a reference to the log line, nothing more. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error %s on %s %s", reference, request.method(), request.path());
        return body(500, ErrorCode.INTERNAL_ERROR, "Internal error (reference " + reference + ")", Map.of(), request);
    }

    static Response body(int status, ErrorCode code, String message, Map<String, ?> details, HttpServerRequest request) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(status, code, message, details, request.path())).build();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
