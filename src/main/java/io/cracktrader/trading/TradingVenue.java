package io.cracktrader.trading;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Optional;

/**
 * Where orders go: the simulated exchange, or a real one through XChange. Every method acts for one
 * owner (the simulated account of that user, or the exchange account of the user's stored keys).
 */
public interface TradingVenue {

    /** An asset held: free to trade, and held by working orders. */
    @RegisterForReflection
    record Balance(String asset, double free, double locked) {
        public double total() {
            return free + locked;
        }
    }

    /** An instrument's trading rules from the exchange's metadata; null where the exchange does not say. */
    record InstrumentRules(Double minAmount, Double amountStep, Double priceStep, Double minNotional) {
        public static final InstrumentRules NONE = new InstrumentRules(null, null, null, null);
    }

    String name();

    InstrumentRules rules(String symbol);

    List<Balance> balances(String owner);

    /** The last traded price of {@code symbol}. */
    double lastPrice(String symbol);

    /** Sends a pending order and returns it as the venue left it (open, filled, rejected...). */
    OrderRecord place(OrderRecord order);

    /** The order the venue holds under the order's client id, if it got there (after an ambiguous failure). */
    Optional<OrderRecord> lookup(OrderRecord order);

    OrderRecord cancel(OrderRecord order);

    /** The order's current state at the venue. */
    OrderRecord refresh(OrderRecord order);
}
