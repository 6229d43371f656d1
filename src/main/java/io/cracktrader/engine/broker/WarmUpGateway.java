package io.cracktrader.engine.broker;

/**
 * The gateway a strategy trades through while it warms up: flat, no cash, and every order dropped,
 * so warm-up bars only feed its indicators.
 */
public final class WarmUpGateway implements OrderGateway {
    public static final WarmUpGateway INSTANCE = new WarmUpGateway();

    private WarmUpGateway() {
    }

    // @formatter:off: one line each, all of them "nothing happens".
    @Override public double position() { return 0; }
    @Override public double cash() { return 0; }
    @Override public double entryPrice() { return Double.NaN; }
    @Override public boolean hasPendingOrder() { return false; }
    @Override public void enterLong() { }
    @Override public void exitLong() { }
    @Override public long buy(double size) { return 0; }
    @Override public long sell(double size) { return 0; }
    @Override public long buyLimit(double size, double limit) { return 0; }
    @Override public long sellLimit(double size, double limit) { return 0; }
    @Override public long buyStop(double size, double stop) { return 0; }
    @Override public long sellStop(double size, double stop) { return 0; }
    @Override public long buyStopLimit(double size, double stop, double limit) { return 0; }
    @Override public long sellStopLimit(double size, double stop, double limit) { return 0; }
    @Override public long trailingStop(double trailAmount, double trailPercent) { return 0; }
    @Override public long bracketBuy(double size, double entryLimit, double stopLoss, double takeProfit) { return 0; }
    @Override public boolean cancel(long orderId) { return false; }
    // @formatter:on
}
