package io.cracktrader.engine.indicator;

/**
 * The last {@code size} values in a ring buffer, with their maximum and minimum kept by monotonic
 * queues (amortised O(1) per value, no allocation after construction).
 */
public final class RollingWindow {
    private final int size;
    private final double[] values;
    private final long[] maxIdx;
    private final long[] minIdx;
    private int maxHead;
    private int maxTail;
    private int minHead;
    private int minTail;
    private long count;

    public RollingWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be at least 1");
        }
        this.size = size;
        this.values = new double[size];
        this.maxIdx = new long[size + 1];
        this.minIdx = new long[size + 1];
    }

    public void add(double v) {
        long i = count++;
        values[(int) (i % size)] = v;
        int cap = maxIdx.length;
        while (maxHead != maxTail && valueAt(maxIdx[(maxTail - 1 + cap) % cap]) <= v) {
            maxTail = (maxTail - 1 + cap) % cap;
        }
        maxIdx[maxTail] = i;
        maxTail = (maxTail + 1) % cap;
        while (minHead != minTail && valueAt(minIdx[(minTail - 1 + cap) % cap]) >= v) {
            minTail = (minTail - 1 + cap) % cap;
        }
        minIdx[minTail] = i;
        minTail = (minTail + 1) % cap;
        long oldest = i - size + 1;
        while (maxIdx[maxHead] < oldest) {
            maxHead = (maxHead + 1) % cap;
        }
        while (minIdx[minHead] < oldest) {
            minHead = (minHead + 1) % cap;
        }
    }

    private double valueAt(long index) {
        return values[(int) (index % size)];
    }

    public boolean full() {
        return count >= size;
    }

    public long count() {
        return count;
    }

    public double max() {
        return valueAt(maxIdx[maxHead]);
    }

    public double min() {
        return valueAt(minIdx[minHead]);
    }

    /** Bars since the window's maximum (0 = the latest value); the latest of equal maxima counts. */
    public int barsSinceMax() {
        return (int) (count - 1 - maxIdx[maxHead]);
    }

    public int barsSinceMin() {
        return (int) (count - 1 - minIdx[minHead]);
    }

    /** The value {@code back} values ago (0 = latest); valid while {@code back < min(size, count)}. */
    public double get(int back) {
        return valueAt(count - 1 - back);
    }

    public int size() {
        return size;
    }
}
