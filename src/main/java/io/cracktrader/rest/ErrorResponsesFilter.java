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
 * resource, 401/403 where the operation has a security requirement, 429 everywhere but health, 500
 * and 503 everywhere.
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
                if (path.contains("{")) {
                    add(responses, "404", "Not found (NOT_FOUND)");
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
                add(responses, "503", "Database or exchange unreachable (EXTERNAL_SERVICE_ERROR)");
            }
        });
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
