package io.cracktrader.engine.broker;

/**
 * The default execution model: a market order placed on the close of bar {@code t} fills at the
 * open of bar {@code t+1}; an order placed on the last bar never fills.
 *
 * <ul>
 *   <li>Entry size is all-in and fractional: {@code cash / (fillPrice * (1 + commission))}.</li>
 *   <li>Commission is {@code commission × notional}, charged on entry and on exit.</li>
 *   <li>Slippage moves the fill price against the trader by a fraction of the open.</li>
 *   <li>A round trip's pnl is {@code (exit − entry) × size − entry commission − exit commission}.</li>
 * </ul>
 * Long only. One instance trades one symbol with its own cash.
 */
public final class NextOpenBroker implements OrderGateway {
    private static final int NONE = 0;
    private static final int ENTER_LONG = 1;
    private static final int EXIT_LONG = 2;

    private final double commissionRate;
    private final double slippage;
    private final FillLog fills;
    private final FillListener listener;

    private double cash;
    private double position;
    private double entryPrice = Double.NaN;
    private double entryCommission;
    private int pending = NONE;
    private double commissionPaid;

    public NextOpenBroker(double initialCash, double commissionRate, double slippage, int expectedFills,
                          FillListener listener) {
        this.cash = initialCash;
        this.commissionRate = commissionRate;
        this.slippage = slippage;
        this.fills = new FillLog(expectedFills);
        this.listener = listener;
    }

    /** Fills the order placed on the previous bar at this bar's open. */
    public void onBarOpen(long time, double open) {
        if (pending == ENTER_LONG) {
            double price = open * (1 + slippage);
            double size = cash / (price * (1 + commissionRate));
            double fee = size * price * commissionRate;
            // All-in: what remains is rounding dust of either sign; never leave cash negative.
            cash = Math.max(0.0, cash - (size * price + fee));
            position = size;
            entryPrice = price;
            entryCommission = fee;
            commissionPaid += fee;
            fills.add(time, FillLog.BUY, size, price, fee, Double.NaN);
            listener.onFill(fills, fills.count() - 1);
        } else if (pending == EXIT_LONG) {
            double price = open * (1 - slippage);
            double size = position;
            double fee = size * price * commissionRate;
            double pnl = (price - entryPrice) * size - entryCommission - fee;
            cash += size * price - fee;
            position = 0;
            entryPrice = Double.NaN;
            entryCommission = 0;
            commissionPaid += fee;
            fills.add(time, FillLog.SELL, size, price, fee, pnl);
            listener.onFill(fills, fills.count() - 1);
        }
        pending = NONE;
    }

    @Override
    public void enterLong() {
        if (position == 0 && cash > 0) {
            pending = ENTER_LONG;
        }
    }

    @Override
    public void exitLong() {
        if (position > 0) {
            pending = EXIT_LONG;
        }
    }

    @Override
    public boolean hasPendingOrder() {
        return pending != NONE;
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
        return entryPrice;
    }

    /** Cash plus the position marked at {@code price}, without an exit commission. */
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
