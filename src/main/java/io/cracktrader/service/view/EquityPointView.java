package io.cracktrader.service.view;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Mark-to-market account value after a bar's close; {@code pnl} is value minus initial cash;
 * {@code benchmark} the buy-and-hold value at the same time.
 */
@RegisterForReflection
@Schema(name = "EquityPoint")
public record EquityPointView(Instant timestamp, double value, double cash, double pnl,
                              @Schema(description = "Buy-and-hold value: all cash in at the first bar's open, same costs")
                              Double benchmark) {
}
