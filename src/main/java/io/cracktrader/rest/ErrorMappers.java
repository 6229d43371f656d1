package io.cracktrader.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.cracktrader.error.ConflictException;
import io.cracktrader.error.ExchangeFailureException;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.MalformedRequestException;
import io.cracktrader.error.NotAuthenticatedException;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.error.RateLimitedException;
import io.cracktrader.error.RunnerBusyException;
import io.cracktrader.error.ServiceException;
import io.cracktrader.error.UnavailableException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure to the one error body. Messages are written for the caller; class names,
 * stack traces and driver messages stay in the log.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /**
     * The domain's failures, each kind with its status and code (docs/API-CONTRACT.md, "Errors"). This
     * is the one place that turns a kind of failure into HTTP.
     */
    @ServerExceptionMapper
    public Response service(ServiceException e, HttpServerRequest request) {
        Response response = body(status(e), code(e), e.getMessage(), e.details(), request);
        if (e.retryAfterSeconds() > 0) {
            return Response.fromResponse(response).header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
        }
        return response;
    }

    /** Java 17 has no pattern switch; the sealed tree keeps this list complete. */
    static int status(ServiceException e) {
        if (e instanceof NotFoundException) {
            return 404;
        } else if (e instanceof ConflictException) {
            return 409;
        } else if (e instanceof InvalidRequestException) {
            return 422;
        } else if (e instanceof MalformedRequestException) {
            return 400;
        } else if (e instanceof NotPermittedException) {
            return 403;
        } else if (e instanceof NotAuthenticatedException) {
            return 401;
        } else if (e instanceof RateLimitedException) {
            return 429;
        } else if (e instanceof ExchangeFailureException x) {
            return switch (x.failure()) {
                case RATE_LIMITED -> 429;
                case REJECTED, UNSUPPORTED -> 422;
                default -> 502;
            };
        }
        return 503; // UnavailableException
    }

    static ErrorCode code(ServiceException e) {
        if (e instanceof NotFoundException) {
            return ErrorCode.NOT_FOUND;
        } else if (e instanceof RunnerBusyException) {
            return ErrorCode.RUNNER_BUSY;
        } else if (e instanceof ConflictException) {
            return ErrorCode.CONFLICT;
        } else if (e instanceof NotPermittedException) {
            return ErrorCode.AUTHORIZATION_ERROR;
        } else if (e instanceof NotAuthenticatedException) {
            return ErrorCode.AUTHENTICATION_ERROR;
        } else if (e instanceof RateLimitedException) {
            return ErrorCode.RATE_LIMITED;
        } else if (e instanceof ExchangeFailureException x) {
            return status(x) == 422 ? ErrorCode.VALIDATION_ERROR : ErrorCode.EXTERNAL_SERVICE_ERROR;
        } else if (e instanceof UnavailableException) {
            return ErrorCode.EXTERNAL_SERVICE_ERROR;
        }
        return ErrorCode.VALIDATION_ERROR; // invalid or malformed input
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
        // Jackson's own message names its classes and features: say where, not what the parser thinks.
        String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
        return body(400, ErrorCode.VALIDATION_ERROR, "Malformed JSON" + where + " (numbers must be finite; "
                + "strings in double quotes)", Map.of(), request);
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
        if (status == 404 && e.getCause() instanceof IllegalArgumentException) {
            // JAX-RS answers 404 when a query parameter does not convert (?page=abc): it is bad input instead.
            return body(422, ErrorCode.VALIDATION_ERROR, "Request validation failed: a parameter is not a number",
                    notNumbers(request), request);
        }
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.AUTHENTICATION_ERROR;
            case 403 -> ErrorCode.AUTHORIZATION_ERROR;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406, 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
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
        String reference = RequestIds.of(request);
        LOG.errorf(e, "Unhandled error on %s %s (request %s)", request.method(), request.path(), reference);
        return body(500, ErrorCode.INTERNAL_ERROR, "Internal error (reference " + reference + ")", Map.of(), request);
    }

    static Response body(int status, ErrorCode code, String message, Map<String, ?> details, HttpServerRequest request) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(status, code, message, details, request.path(), RequestIds.of(request))).build();
    }

    /** The query parameters whose value is not a number, each named in the details. */
    private static Map<String, String> notNumbers(HttpServerRequest request) {
        Map<String, String> out = new TreeMap<>();
        request.params().forEach((name, value) -> {
            try {
                Double.parseDouble(value);
            } catch (NumberFormatException notANumber) {
                out.put(name, "must be a number");
            }
        });
        return out;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
