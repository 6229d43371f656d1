package io.cracktrader.exchange.simulated;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import java.util.Locale;
import java.util.Map;

/**
 * A deterministic synthetic market for one {@code BASE/QUOTE} symbol.
 *
 * <p>The log price is a function of continuous time: a sum of piecewise-linear random "octaves"
 * whose lattice lengths double from 15 s to about four years, with amplitudes growing as the square
 * root of the length, which gives random-walk scaling at every horizon. The short octaves are
 * scaled by a slowly wandering volatility level, so calm and turbulent periods cluster. Every
 * lattice value comes from a hash of (symbol, octave, lattice index), so:
 * <ul>
 *   <li>the same symbol always shows the same prices, whatever range or timeframe is asked for;</li>
 *   <li>a bar depends only on the prices inside its own interval (no look-ahead);</li>
 *   <li>a 1h bar and the four 15m bars inside it agree on open, close and extremes.</li>
 * </ul>
 * A bar's open is the price at its start, its close the price at its end, high and low the
 * extremes of 32 samples between; prices sit on a tick grid of five significant digits of the
 * symbol's base price, so exact ties happen as in real markets.
 */
public final class SyntheticMarket {
    private static final int OCTAVES = 24;
    private static final double FINEST_SECONDS = 15;
    private static final int SAMPLES_PER_BAR = 32;
    /** Annualised volatility of the walk around which the clustered level moves. */
    private static final double ANNUAL_VOLATILITY = 0.55;
    private static final double PER_SECOND_VOLATILITY = ANNUAL_VOLATILITY / Math.sqrt(365.0 * 86_400);
    /** Octaves up to about a day follow the volatility regime; longer ones set the trend. */
    private static final int FAST_OCTAVES = 13;
    private static final double REGIME_SECONDS = 4 * 86_400;

    /** Rough USD prices so familiar symbols look familiar; others get a price from their hash. */
    private static final Map<String, Double> USD_PRICES = Map.ofEntries(
            Map.entry("BTC", 42_000.0), Map.entry("ETH", 2_300.0), Map.entry("BNB", 310.0),
            Map.entry("SOL", 95.0), Map.entry("XRP", 0.6), Map.entry("ADA", 0.5), Map.entry("DOGE", 0.08),
            Map.entry("LTC", 70.0), Map.entry("DOT", 7.0), Map.entry("AVAX", 35.0), Map.entry("LINK", 15.0),
            Map.entry("USDT", 1.0), Map.entry("USDC", 1.0), Map.entry("USD", 1.0), Map.entry("BUSD", 1.0),
            Map.entry("DAI", 1.0), Map.entry("EUR", 1.08));

    private final String symbol;
    private final long seed;
    private final double basePrice;
    private final double tickScale;
    private final double baseVolume;
    private final double[] amplitude = new double[OCTAVES];
    private final double[] sample = new double[SAMPLES_PER_BAR + 1];

    public SyntheticMarket(String symbol) {
        this.symbol = symbol;
        this.seed = mix(symbol.toUpperCase(Locale.ROOT).hashCode() * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        String[] parts = symbol.toUpperCase(Locale.ROOT).split("/");
        this.basePrice = usdPrice(parts[0]) / usdPrice(parts.length > 1 ? parts[1] : "USD");
        int digits = (int) Math.floor(Math.log10(basePrice));
        this.tickScale = Math.pow(10, Math.max(0, 4 - digits));
        this.baseVolume = 2_000_000 / basePrice;
        for (int k = 0; k < OCTAVES; k++) {
            double length = FINEST_SECONDS * (1L << k);
            amplitude[k] = 0.55 * PER_SECOND_VOLATILITY * Math.sqrt(length);
        }
    }

    public String symbol() {
        return symbol;
    }

    /** The mid price at {@code epochSeconds}, before rounding to the tick grid. */
    public double price(double epochSeconds) {
        return basePrice * Math.exp(logOffset(epochSeconds));
    }

    /**
     * Bars of {@code timeframe} whose open time lies in {@code [fromMillis, toMillis)}, aligned to
     * the timeframe. Stops early, returning what it has, when the run is asked to stop.
     */
    public BarSeries bars(Timeframe timeframe, long fromMillis, long toMillis, RunControl control) {
        long step = timeframe.millis();
        long first = Math.floorDiv(fromMillis + step - 1, step) * step;
        int count = (int) Math.max(0, Math.min(Integer.MAX_VALUE - 8, (toMillis - first + step - 1) / step));
        BarSeries out = new BarSeries(symbol, timeframe, count);
        for (int i = 0; i < count; i++) {
            if ((i & 4095) == 0 && control != null && control.stopRequested()) {
                break;
            }
            appendBar(out, first + i * step, step);
        }
        return out;
    }

    /** Computes the bar that opens at {@code openMillis} and lasts {@code stepMillis}, and appends it. */
    public void appendBar(BarSeries out, long openMillis, long stepMillis) {
        double start = openMillis / 1000.0;
        double length = stepMillis / 1000.0;
        double high = Double.NEGATIVE_INFINITY;
        double low = Double.POSITIVE_INFINITY;
        for (int s = 0; s <= SAMPLES_PER_BAR; s++) {
            double p = price(start + length * s / SAMPLES_PER_BAR);
            sample[s] = p;
            high = Math.max(high, p);
            low = Math.min(low, p);
        }
        double open = tick(sample[0]);
        double close = tick(sample[SAMPLES_PER_BAR]);
        high = Math.max(tick(high), Math.max(open, close));
        low = Math.min(tick(low), Math.min(open, close));
        double move = Math.abs(Math.log(sample[SAMPLES_PER_BAR] / sample[0]))
                / (PER_SECOND_VOLATILITY * Math.sqrt(length));
        double noise = Math.exp(0.5 * gaussian(mix(seed ^ openMillis * 0xD6E8FEB86659FD93L)));
        double volume = Math.rint(baseVolume * (length / 60) * noise * (0.5 + move) * 1e4) / 1e4;
        out.append(openMillis, open, high, Math.max(low, tickSize()), close, volume);
    }

    /** The traded price at {@code epochMillis}: the mid price on the tick grid. */
    public double lastPrice(long epochMillis) {
        return tick(price(epochMillis / 1000.0));
    }

    public double tickSize() {
        return 1 / tickScale;
    }

    /** Rounds to the tick grid; dividing by a power of ten gives the double nearest the decimal. */
    private double tick(double price) {
        return Math.max(1, Math.rint(price * tickScale)) / tickScale;
    }

    private double logOffset(double t) {
        double regime = Math.exp(0.45 * layer(-1, t / REGIME_SECONDS));
        double sum = 0;
        double length = FINEST_SECONDS;
        for (int k = 0; k < OCTAVES; k++) {
            double v = amplitude[k] * layer(k, t / length);
            sum += k < FAST_OCTAVES ? v * regime : v;
            length *= 2;
        }
        return sum;
    }

    /** Piecewise-linear interpolation between hashed Gaussian-like lattice values. */
    private double layer(int octave, double x) {
        double floor = Math.floor(x);
        long n = (long) floor;
        double f = x - floor;
        long salt = seed + (octave + 2) * 0xBF58476D1CE4E5B9L;
        double a = gaussian(mix(salt ^ (n * 0x94D049BB133111EBL)));
        double b = gaussian(mix(salt ^ ((n + 1) * 0x94D049BB133111EBL)));
        return a + (b - a) * f;
    }

    /** Approximately standard normal from 64 random bits (sum of four uniforms, rescaled). */
    private static double gaussian(long bits) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += (bits & 0xFFFF) / 65536.0;
            bits >>>= 16;
        }
        return (sum - 2.0) * Math.sqrt(3.0);
    }

    /** SplitMix64's finaliser: a well-spread 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private double usdPrice(String asset) {
        Double known = USD_PRICES.get(asset);
        if (known != null) {
            return known;
        }
        long h = mix(asset.hashCode() * 0x9E3779B97F4A7C15L);
        return Math.pow(10, ((h >>> 11) * 0x1.0p-53) * 4 - 1); // 0.1 .. 1000
    }
}
