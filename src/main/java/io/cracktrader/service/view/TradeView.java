package io.cracktrader.service.view;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One executed fill. {@code pnl} is set on the fill that closes a round trip, null on an opening fill. */
@RegisterForReflection
@Schema(name = "Trade")
public record TradeView(String id, Instant timestamp, String symbol,
                        @Schema(enumeration = {"buy", "sell"}) String side, double size, double price,
                        @Schema(description = "size × price") double value,
                        @Schema(description = "(exit − entry) × size − both commissions; null when opening") Double pnl,
                        double commission) {
}
