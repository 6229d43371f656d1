package io.cracktrader.engine.broker;

import java.util.Arrays;

/**
 * Executed fills of one symbol, kept in primitive columns. {@code pnl} is NaN for a fill that opens
 * a position and the round trip's profit for the fill that closes it.
 */
public final class FillLog {
    public static final byte BUY = 1;
    public static final byte SELL = -1;

    private long[] time;
    private byte[] side;
    private double[] size;
    private double[] price;
    private double[] commission;
    private double[] pnl;
    private int count;

    public FillLog(int initialCapacity) {
        int capacity = Math.max(8, initialCapacity);
        time = new long[capacity];
        side = new byte[capacity];
        size = new double[capacity];
        price = new double[capacity];
        commission = new double[capacity];
        pnl = new double[capacity];
    }

    void add(long t, byte s, double qty, double px, double fee, double profit) {
        if (count == time.length) {
            int capacity = count * 2;
            time = Arrays.copyOf(time, capacity);
            side = Arrays.copyOf(side, capacity);
            size = Arrays.copyOf(size, capacity);
            price = Arrays.copyOf(price, capacity);
            commission = Arrays.copyOf(commission, capacity);
            pnl = Arrays.copyOf(pnl, capacity);
        }
        time[count] = t;
        side[count] = s;
        size[count] = qty;
        price[count] = px;
        commission[count] = fee;
        pnl[count] = profit;
        count++;
    }

    public int count() {
        return count;
    }

    public long time(int i) {
        return time[i];
    }

    public byte side(int i) {
        return side[i];
    }

    public double size(int i) {
        return size[i];
    }

    public double price(int i) {
        return price[i];
    }

    public double commission(int i) {
        return commission[i];
    }

    /** Profit of the round trip this fill closes, or NaN for an opening fill. */
    public double pnl(int i) {
        return pnl[i];
    }
}
