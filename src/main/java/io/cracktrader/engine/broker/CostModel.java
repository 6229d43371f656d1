package io.cracktrader.engine.broker;

/**
 * What trading costs: commission as a fraction of notional plus a fixed amount per fill, and
 * slippage as a fraction of the price, against the trader, on market and stop fills (a limit fills
 * at its price or better, never slipped).
 */
public record CostModel(double commissionRate, double fixedCommission, double slippage) {
    public static final CostModel NONE = new CostModel(0, 0, 0);

    public double commission(double notional) {
        return notional * commissionRate + fixedCommission;
    }
}
