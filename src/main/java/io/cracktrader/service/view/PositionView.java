package io.cracktrader.service.view;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A position still open at the end of a run, marked to the last close without exit commission. */
@RegisterForReflection
@Schema(name = "Position")
public record PositionView(String symbol, String side, double size, double entryPrice, double markPrice,
                           double unrealizedPnl) {
}
