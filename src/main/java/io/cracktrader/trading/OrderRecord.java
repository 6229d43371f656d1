package io.cracktrader.trading;

/**
 * An order placed through the orders API, as stored: what was asked, what the venue made of it, and
 * (on the simulated venue) the funds it holds. Amounts in base units, prices and fees in the quote currency.
 */
public record OrderRecord(String id, String owner, String exchange, String clientOrderId, String exchangeOrderId,
                          String symbol, String side, String type, double amount, Double price, Double stopPrice,
                          String status, double filled, Double averagePrice, double fee, double locked, String reason,
                          long createdAt, long updatedAt) {

    public static final String PENDING = "pending";
    public static final String OPEN = "open";
    public static final String PARTIALLY_FILLED = "partially_filled";
    public static final String FILLED = "filled";
    public static final String CANCELLED = "cancelled";
    public static final String REJECTED = "rejected";

    public boolean buy() {
        return "buy".equals(side);
    }

    /** Still working at the venue (or not yet known to be). */
    public boolean working() {
        return OPEN.equals(status) || PARTIALLY_FILLED.equals(status) || PENDING.equals(status);
    }

    public String base() {
        return symbol.substring(0, symbol.indexOf('/'));
    }

    public String quote() {
        return symbol.substring(symbol.indexOf('/') + 1);
    }

    public OrderRecord withVenueState(String exchangeOrderId, String status, double filled, Double averagePrice,
                                      double fee, double locked, String reason) {
        return new OrderRecord(id, owner, exchange, clientOrderId, exchangeOrderId, symbol, side, type, amount, price,
                stopPrice, status, filled, averagePrice, fee, locked, reason, createdAt, System.currentTimeMillis());
    }

    public OrderRecord withStatus(String newStatus, String why) {
        return withVenueState(exchangeOrderId, newStatus, filled, averagePrice, fee, locked, why);
    }
}
