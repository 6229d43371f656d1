package io.cracktrader.rest.dto;

import io.cracktrader.service.view.RunView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer to a runner action: whether it took, what happened, and the run's status afterwards. */
@RegisterForReflection
public record ActionResponse(boolean success, String message, String runId, String status, String mode) {
    public static ActionResponse of(RunView run, String message) {
        return new ActionResponse(true, message, run.runId(), run.status(), run.mode());
    }
}
