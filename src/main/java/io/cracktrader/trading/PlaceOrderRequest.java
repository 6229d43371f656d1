package io.cracktrader.trading;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/trading/order} of the trading API, plus stop orders and an idempotency key. */
@RegisterForReflection
@Schema(name = "PlaceOrder")
public record PlaceOrderRequest(
        @Schema(example = "BTC/USDT", required = true) String symbol,
        @Schema(enumeration = {"buy", "sell"}, required = true) String side,
        @Schema(enumeration = {"market", "limit", "stop"}, defaultValue = "limit") String type,
        @Schema(description = "Base units", example = "0.1", required = true) Double amount,
        @Schema(description = "Limit price; required for limit orders", example = "50000") Double price,
        @Schema(description = "Trigger price; required for stop orders") Double stopPrice,
        @Schema(description = "Idempotency key (1-36 of A-Z a-z 0-9 _ -): retrying a POST with the same key never "
                + "creates a second order. Generated when omitted.") String clientOrderId,
        @Schema(description = "Exchange; the query parameter or the configured default when omitted") String exchange) {
}
