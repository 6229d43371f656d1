package io.cracktrader.engine.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * The simulated execution model of backtests and paper runs: orders worked against each bar's open,
 * high, low and close after the bar on which they were placed.
 *
 * <p>Fill rules, per bar:
 * <ol>
 *   <li>market orders fill at the open (± slippage);</li>
 *   <li>then stops (stop, stop-limit triggers, trailing stops): a buy stop fills at its stop once the
 *       high reaches it, or at the open when the bar opens beyond it (a gap fills at the worse open);
 *       sells mirror this with the low; slippage applies;</li>
 *   <li>then limits: a buy limit fills at its limit once the low reaches it, or at the open when the
 *       bar opens below it (a gap fills at the better open); no slippage. A triggered stop-limit is a
 *       limit from then on (on its trigger bar it fills only if the stop price itself satisfies the
 *       limit, at the stop).</li>
 * </ol>
 * Because stops come before limits, a bar that reaches both a bracket's stop loss and its take
 * profit fills the stop loss: the conservative assumption. Bracket children start working on the bar
 * after their entry fills. Trailing stops move at each close with the best price seen.
 *
 * <p>Accounting: cash pays notional plus commission on buys and receives notional minus commission
 * on sells; equity is cash + position × price. Without margin a buy is cut to what the cash affords
 * and, without shorting, a sell to the position held. A closing fill's pnl is
 * {@code (exit − entry) × size − its share of the entry commission − the exit commission}.
 */
public final class OrderBroker implements OrderGateway {
    private final CostModel costs;
    private final Sizing sizing;
    private final boolean allowShort;
    private final FillLog fills;
    private final FillListener listener;
    private final List<Order> orders = new ArrayList<>();

    private double cash;
    private double position;
    private double averagePrice = Double.NaN;
    private double entryCommission;
    private double commissionPaid;
    private long nextId = 1;
    private int open;
    private long bar;
    private double lastClose = Double.NaN;

    public OrderBroker(double initialCash, CostModel costs, Sizing sizing, boolean allowShort, int expectedFills,
                       FillListener listener) {
        this.cash = initialCash;
        this.costs = costs;
        this.sizing = sizing;
        this.allowShort = allowShort;
        this.fills = new FillLog(expectedFills);
        this.listener = listener;
    }

    // ---- the bar ----

    /** Works the orders against a bar that opened after they were placed. */
    public void onBar(long time, double openPrice, double high, double low, double close) {
        bar++;
        if (open > 0) {
            for (int pass = 0; pass < 3; pass++) {
                for (int k = 0; k < orders.size(); k++) {
                    Order o = orders.get(k);
                    if (workable(o) && pass == passOf(o)) {
                        work(o, time, openPrice, high, low);
                    }
                }
            }
            for (int k = 0; k < orders.size(); k++) {       // trailing stops follow the bar's best price
                Order o = orders.get(k);
                if (workable(o) && o.type == Order.Type.TRAILING_STOP) {
                    trail(o, high, low);
                }
            }
            if (open == 0) {
                orders.clear();
            }
        }
        lastClose = close;
    }

    private boolean workable(Order o) {
        return o.status == Order.Status.ACTIVE && o.workableFrom <= bar;
    }

    /** 0 market, 1 stops, 2 limits; a stop-limit triggered on this very bar is not worked again as a limit. */
    private int passOf(Order o) {
        return switch (o.type) {
            case MARKET -> 0;
            case LIMIT -> 2;
            case STOP_LIMIT -> o.triggered ? (o.triggeredOn == bar ? -1 : 2) : 1;
            default -> 1;
        };
    }

    private void work(Order o, long time, double openPrice, double high, double low) {
        boolean buy = o.side > 0;
        switch (o.type) {
            case MARKET -> fill(o, time, slipped(openPrice, buy));
            case STOP, TRAILING_STOP -> {
                if (buy ? openPrice >= o.stop : openPrice <= o.stop) {
                    fill(o, time, slipped(openPrice, buy));
                } else if (buy ? high >= o.stop : low <= o.stop) {
                    fill(o, time, slipped(o.stop, buy));
                }
            }
            case LIMIT -> limit(o, time, openPrice, high, low);
            case STOP_LIMIT -> {
                if (o.triggered) {
                    limit(o, time, openPrice, high, low);
                } else if (buy ? openPrice >= o.stop : openPrice <= o.stop) {
                    o.triggered = true;
                    limit(o, time, openPrice, high, low);
                } else if (buy ? high >= o.stop : low <= o.stop) {
                    o.triggered = true;
                    o.triggeredOn = bar;
                    if (buy ? o.stop <= o.limit : o.stop >= o.limit) {
                        fill(o, time, o.stop);
                    }
                }
            }
        }
    }

    private void limit(Order o, long time, double openPrice, double high, double low) {
        if (o.side > 0 ? openPrice <= o.limit : openPrice >= o.limit) {
            fill(o, time, openPrice);
        } else if (o.side > 0 ? low <= o.limit : high >= o.limit) {
            fill(o, time, o.limit);
        }
    }

    private void trail(Order o, double high, double low) {
        boolean protectsLong = o.side < 0;
        double best = protectsLong ? high : low;
        double level = Double.isNaN(o.trailAmount)
                ? best * (protectsLong ? 1 - o.trailPercent : 1 + o.trailPercent)
                : best + (protectsLong ? -o.trailAmount : o.trailAmount);
        if (Double.isNaN(o.stop) || (protectsLong ? level > o.stop : level < o.stop)) {
            o.stop = level;
        }
    }

    private double slipped(double price, boolean buy) {
        return price * (buy ? 1 + costs.slippage() : 1 - costs.slippage());
    }

    // ---- fills and accounting ----

    private void fill(Order o, long time, double price) {
        double size = fillSize(o, price);
        if (!(size > 0)) {
            cancel(o);
            return;
        }
        double notional = size * price;
        double fee = costs.commission(notional);
        if (!allowShort && o.side < 0 && cash + notional - fee < 0) {
            cancel(o);                                        // the commission would exceed cash and proceeds
            return;
        }
        double pnl = book(o.side, size, price, fee);
        cash = o.side > 0 ? Math.max(0.0, cash - (notional + fee)) : cash + notional - fee;
        commissionPaid += fee;
        o.status = Order.Status.FILLED;
        open--;
        fills.add(time, o.side, size, price, fee, pnl);
        listener.onFill(fills, fills.count() - 1);
        releaseLinked(o);
    }

    /** The units the order fills at {@code price}: its size, or what sizing, cash and the position allow. */
    private double fillSize(Order o, double price) {
        double size = o.size;
        if (o.side > 0) {
            if (Double.isNaN(size)) {
                size = position < 0 ? -position : sizing.units(cash, cash + position * price, price, costs);
            }
            if (position >= 0) {                              // no margin: what the cash pays for
                size = Math.min(size, (cash - costs.fixedCommission()) / (price * (1 + costs.commissionRate())));
            }
        } else {
            if (Double.isNaN(size)) {
                size = Math.abs(position);
            }
            if (!allowShort) {
                size = Math.min(size, Math.max(position, 0));
            }
        }
        return size;
    }

    /**
     * Moves the position by a fill: the part that closes it realises P&L net of its share of the entry
     * and exit commissions; the rest opens or adds at the average price. Returns the P&L, NaN for none.
     */
    private double book(int side, double size, double price, double fee) {
        double pnl = Double.NaN;
        double remaining = size;
        if (position != 0 && Math.signum(position) != side) {     // closes (part of) the position
            double held = Math.abs(position);
            double closing = Math.min(size, held);
            double share = closing == held ? entryCommission : entryCommission * closing / held;
            double closingFee = closing == size ? fee : fee * closing / size;
            pnl = (price - averagePrice) * closing * Math.signum(position) - share - closingFee;
            entryCommission -= share;
            position = closing == held ? 0 : position + side * closing;
            if (position == 0) {
                averagePrice = Double.NaN;
                entryCommission = 0;
            }
            remaining = size - closing;
        }
        if (remaining > 0) {                                   // opens or adds
            double held = Math.abs(position);
            averagePrice = held == 0 ? price : (averagePrice * held + price * remaining) / (held + remaining);
            entryCommission += remaining == size ? fee : fee * remaining / size;
            position += side * remaining;
        }
        return pnl;
    }

    /** A filled order activates its bracket children (from the next bar) and cancels its OCO siblings. */
    private void releaseLinked(Order o) {
        for (int k = 0; k < orders.size(); k++) {
            Order other = orders.get(k);
            if (other.parent == o.id && other.status == Order.Status.WAITING) {
                other.status = Order.Status.ACTIVE;
                other.workableFrom = bar + 1;
            } else if (o.ocoGroup != 0 && other != o && other.ocoGroup == o.ocoGroup && other.open()) {
                cancel(other);
            }
        }
    }

    /** Cancels the order and, for a bracket entry, the children still waiting for it. */
    private void cancel(Order o) {
        if (o.open()) {
            o.status = Order.Status.CANCELLED;
            open--;
            for (int k = 0; k < orders.size(); k++) {
                Order child = orders.get(k);
                if (child.parent == o.id && child.status == Order.Status.WAITING) {
                    cancel(child);
                }
            }
        }
    }

    // ---- OrderGateway ----

    private long place(byte side, Order.Type type, double size, double limit, double stop, double trailAmount,
                       double trailPercent, long oco, long parent) {
        Order o = new Order(nextId++, side, type, size, limit, stop, trailAmount, trailPercent, oco, parent);
        o.workableFrom = bar + 1;
        orders.add(o);
        open++;
        return o.id;
    }

    @Override
    public void enterLong() {
        if (position == 0 && open == 0 && cash > 0) {
            buy(Double.NaN);
        }
    }

    @Override
    public void exitLong() {
        if (position > 0) {
            sell(Double.NaN);
        }
    }

    @Override
    public long buy(double size) {
        return place(FillLog.BUY, Order.Type.MARKET, size, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }

    @Override
    public long sell(double size) {
        return place(FillLog.SELL, Order.Type.MARKET, size, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }

    @Override
    public long buyLimit(double size, double limit) {
        return place(FillLog.BUY, Order.Type.LIMIT, size, limit, Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }

    @Override
    public long sellLimit(double size, double limit) {
        return place(FillLog.SELL, Order.Type.LIMIT, size, limit, Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }

    @Override
    public long buyStop(double size, double stop) {
        return place(FillLog.BUY, Order.Type.STOP, size, Double.NaN, stop, Double.NaN, Double.NaN, 0, 0);
    }

    @Override
    public long sellStop(double size, double stop) {
        return place(FillLog.SELL, Order.Type.STOP, size, Double.NaN, stop, Double.NaN, Double.NaN, 0, 0);
    }

    @Override
    public long buyStopLimit(double size, double stop, double limit) {
        return place(FillLog.BUY, Order.Type.STOP_LIMIT, size, limit, stop, Double.NaN, Double.NaN, 0, 0);
    }

    @Override
    public long sellStopLimit(double size, double stop, double limit) {
        return place(FillLog.SELL, Order.Type.STOP_LIMIT, size, limit, stop, Double.NaN, Double.NaN, 0, 0);
    }

    @Override
    public long trailingStop(double trailAmount, double trailPercent) {
        if (position == 0) {
            return 0;
        }
        byte side = position > 0 ? FillLog.SELL : FillLog.BUY;
        long id = place(side, Order.Type.TRAILING_STOP, Double.NaN, Double.NaN, Double.NaN, trailAmount, trailPercent, 0, 0);
        Order o = orders.get(orders.size() - 1);
        double reference = Double.isNaN(lastClose) ? averagePrice : lastClose;
        trail(o, reference, reference);
        return id;
    }

    @Override
    public long bracketBuy(double size, double entryLimit, double stopLoss, double takeProfit) {
        long entry = Double.isNaN(entryLimit) ? buy(size) : buyLimit(size, entryLimit);
        long group = entry;
        place(FillLog.SELL, Order.Type.STOP, Double.NaN, Double.NaN, stopLoss, Double.NaN, Double.NaN, group, entry);
        place(FillLog.SELL, Order.Type.LIMIT, Double.NaN, takeProfit, Double.NaN, Double.NaN, Double.NaN, group, entry);
        return entry;
    }

    @Override
    public boolean cancel(long orderId) {
        for (Order o : orders) {
            if (o.id == orderId && o.open()) {
                cancel(o);
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean hasPendingOrder() {
        return open > 0;
    }

    @Override
    public double position() {
        return position;
    }

    @Override
    public double cash() {
        return cash;
    }

    @Override
    public double entryPrice() {
        return averagePrice;
    }

    public double equity(double price) {
        return cash + position * price;
    }

    public double commissionPaid() {
        return commissionPaid;
    }

    public FillLog fills() {
        return fills;
    }
}
