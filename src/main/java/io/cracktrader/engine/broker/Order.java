package io.cracktrader.engine.broker;

/** An order resting with the {@link OrderBroker}. Mutable: the broker updates its state in place. */
public final class Order {
    public enum Type { MARKET, LIMIT, STOP, STOP_LIMIT, TRAILING_STOP }

    public enum Status { WAITING, ACTIVE, FILLED, CANCELLED }

    final long id;
    final byte side;
    final Type type;
    /** Units; NaN = decided at the fill (sizing for a buy from flat, the whole position for a close). */
    final double size;
    final double limit;
    double stop;
    final double trailAmount;
    final double trailPercent;
    /** Orders of a bracket that cancel each other when one fills; 0 = none. */
    final long ocoGroup;
    /** The entry a bracket child waits for; 0 = none. */
    final long parent;
    boolean triggered;
    /** The bar a stop-limit's stop was reached on. */
    long triggeredOn;
    Status status;
    /** The first bar (the broker's bar count) this order may be worked on. */
    long workableFrom;

    Order(long id, byte side, Type type, double size, double limit, double stop, double trailAmount,
          double trailPercent, long ocoGroup, long parent) {
        this.id = id;
        this.side = side;
        this.type = type;
        this.size = size;
        this.limit = limit;
        this.stop = stop;
        this.trailAmount = trailAmount;
        this.trailPercent = trailPercent;
        this.ocoGroup = ocoGroup;
        this.parent = parent;
        this.status = parent == 0 ? Status.ACTIVE : Status.WAITING;
    }

    public long id() {
        return id;
    }

    public Status status() {
        return status;
    }

    public Type type() {
        return type;
    }

    public double stopPrice() {
        return stop;
    }

    boolean open() {
        return status == Status.ACTIVE || status == Status.WAITING;
    }
}
