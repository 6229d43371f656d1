package io.cracktrader.engine.broker;

/**
 * How many units an entry buys, decided at the fill price:
 * <ul>
 *   <li>{@code ALL_IN}: {@code value} (a fraction, 1 = everything) of the cash, after commission —
 *       {@code cash × value / (price × (1 + rate))} without a fixed fee: the reference's sizing;</li>
 *   <li>{@code FIXED_AMOUNT}: {@code value} in the quote currency;</li>
 *   <li>{@code PERCENT_EQUITY}: {@code value} (a fraction) of the current equity;</li>
 *   <li>{@code RISK}: units whose loss at a stop {@code stopDistance} (a fraction) below the entry is
 *       {@code value} (a fraction) of equity.</li>
 * </ul>
 * Never more than the cash affords: without margin a buy is cut to what the cash pays for.
 */
public record Sizing(Mode mode, double value, double stopDistance) {
    public enum Mode { ALL_IN, FIXED_AMOUNT, PERCENT_EQUITY, RISK }

    public static final Sizing ALL_IN = new Sizing(Mode.ALL_IN, 1, 0);

    /** Units to buy at {@code price}, before the cash limit. */
    double units(double cash, double equity, double price, CostModel costs) {
        return switch (mode) {
            case ALL_IN -> (cash * value - costs.fixedCommission()) / (price * (1 + costs.commissionRate()));
            case FIXED_AMOUNT -> value / price;
            case PERCENT_EQUITY -> equity * value / price;
            case RISK -> equity * value / (price * stopDistance);
        };
    }
}
