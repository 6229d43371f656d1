package io.cracktrader.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The one error body of every failed request. */
@RegisterForReflection
@Schema(name = "ErrorBody", description = "The error body every failed request returns")
public record ErrorBody(Error error, int statusCode, String path, Instant timestamp,
                        @Schema(description = "The request's id (also the X-Request-Id header): the service log's "
                                + "lines about this request carry it") String requestId) {

    @RegisterForReflection
    @Schema(name = "Error")
    public record Error(
            @Schema(description = "Stable machine-readable code", example = "RUNNER_BUSY") ErrorCode code,
            @Schema(description = "What went wrong, for people") String message,
            @Schema(description = "For validation errors, one entry per invalid field: field → problem") Map<String, ?> details) {
    }

    public static ErrorBody of(int status, ErrorCode code, String message, Map<String, ?> details, String path,
                               String requestId) {
        return new ErrorBody(new Error(code, message, details == null ? Map.of() : details), status, path, Instant.now(),
                requestId);
    }
}
