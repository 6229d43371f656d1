package io.cracktrader.trading;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An order as the trading API shows it, with what the venue did with it. */
@RegisterForReflection
@Schema(name = "Order")
public record OrderView(
        String orderId,
        @Schema(description = "Your idempotency key; a POST repeating it returns this order instead of placing another")
        String clientOrderId,
        String exchange,
        @Schema(enumeration = {"pending", "open", "partially_filled", "filled", "cancelled", "rejected"},
                description = "pending: sent, the exchange's answer not yet known (reconciled on the next read)")
        String status,
        String symbol,
        String side,
        String type,
        double amount,
        @Schema(description = "Limit price (limit orders)") Double price,
        @Schema(description = "Trigger price (stop orders)") Double stopPrice,
        double filled,
        @Schema(description = "Average fill price") Double averagePrice,
        @Schema(description = "Fee paid, in the quote currency where the exchange says") double fee,
        @Schema(description = "Why the order was rejected") String reason,
        @Schema(description = "True on the built-in simulated exchange") boolean simulated,
        Instant timestamp,
        Instant updatedAt) {

    public static OrderView of(OrderRecord o) {
        return new OrderView(o.id(), o.clientOrderId(), o.exchange(), o.status(), o.symbol(), o.side(), o.type(),
                o.amount(), o.price(), o.stopPrice(), o.filled(), o.averagePrice(), o.fee(), o.reason(),
                "simulated".equals(o.exchange()), Instant.ofEpochMilli(o.createdAt()), Instant.ofEpochMilli(o.updatedAt()));
    }
}
