package io.cracktrader.rest;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the error responses every API operation can give, all with the one error body, so the
 * resources need not repeat them: 400/422 where the caller sends input, 404 where a path names a
 * resource (or the query names ids), 409 where the operation changes state, 401/403 where the
 * operation has a security requirement (401 also where one logs in), 429 everywhere but health, and
 * 500, 502 and 503 everywhere.
 */
public class ErrorResponsesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                Operation op = e.getValue();
                APIResponses responses = op.getResponses();
                boolean takesInput = op.getRequestBody() != null
                        || (op.getParameters() != null && !op.getParameters().isEmpty());
                if (takesInput) {
                    add(responses, "400", "Malformed request (VALIDATION_ERROR)");
                    add(responses, "422", "Invalid fields, one `details` entry per field (VALIDATION_ERROR)");
                }
                if (path.contains("{") || namesIdsInQuery(op)) {
                    add(responses, "404", "Not found (NOT_FOUND)");
                }
                if (e.getKey() != PathItem.HttpMethod.GET) {
                    add(responses, "409", "The object's state does not allow it, e.g. stopping what is not running "
                            + "(CONFLICT, RUNNER_BUSY)");
                }
                if (path.equals("/api/auth/login") || path.equals("/api/auth/refresh")) {
                    add(responses, "401", "Wrong username or password, or a refresh token that is invalid, used or "
                            + "revoked (AUTHENTICATION_ERROR)");
                }
                if (op.getSecurity() != null && !op.getSecurity().isEmpty()) {
                    add(responses, "401", "Missing, invalid, expired or revoked token (AUTHENTICATION_ERROR)");
                    add(responses, "403", "Your role, API key or strategy permission does not allow it "
                            + "(AUTHORIZATION_ERROR)");
                }
                if (!path.startsWith("/api/health") && !path.equals("/api/v1/health")) {
                    add(responses, "429", "Over the request budget; see the Retry-After header (RATE_LIMITED)");
                }
                add(responses, "500", "Internal error, never with internals (INTERNAL_ERROR)");
                add(responses, "502", "An exchange failed, timed out or refused our credentials (EXTERNAL_SERVICE_ERROR)");
                add(responses, "503", "Database or exchange unreachable (EXTERNAL_SERVICE_ERROR)");
            }
        });
    }

    /** An operation such as compare names its objects in the query ({@code strategy_ids}). */
    private static boolean namesIdsInQuery(Operation op) {
        return op.getParameters() != null && op.getParameters().stream()
                .anyMatch(p -> p.getName() != null && (p.getName().endsWith("_id") || p.getName().endsWith("_ids")));
    }

    private static void add(APIResponses responses, String code, String description) {
        if (responses.hasAPIResponse(code)) {
            return;
        }
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("ErrorBody")))));
    }
}
