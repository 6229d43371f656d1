package io.cracktrader.engine.strategy;

import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.indicator.BollingerBands;
import io.cracktrader.engine.indicator.Donchian;
import io.cracktrader.engine.indicator.Sma;
import java.util.List;

/**
 * The price-scale lines a strategy compares prices with, computed with the engine's own indicator
 * classes, so a chart shows exactly what the strategy saw. {@code update} fills {@code out} with
 * each line's value after bar {@code i}, NaN while it warms up. One instance per chart: it keeps state.
 */
public record ChartOverlay(List<String> names, Update update) {

    /** Advances the lines by one bar. */
    public interface Update {
        void update(BarSeries bars, int i, double[] out);
    }

    /** No lines: strategies that trade oscillators (RSI, MACD) or rules. */
    public static ChartOverlay none() {
        return new ChartOverlay(List.of(), (bars, i, out) -> { });
    }

    public static ChartOverlay smas(int fastPeriod, int slowPeriod) {
        Sma fast = new Sma(fastPeriod);
        Sma slow = new Sma(slowPeriod);
        return new ChartOverlay(List.of("SMA(" + fastPeriod + ")", "SMA(" + slowPeriod + ")"), (bars, i, out) -> {
            double f = fast.update(bars.close(i));
            double s = slow.update(bars.close(i));
            out[0] = fast.ready() ? f : Double.NaN;
            out[1] = slow.ready() ? s : Double.NaN;
        });
    }

    /** An SMA and the band {@code threshold} above and below it. */
    public static ChartOverlay band(int period, double threshold) {
        Sma mean = new Sma(period);
        return new ChartOverlay(List.of("SMA(" + period + ")", "SMA × (1 + " + threshold + ")",
                "SMA × (1 − " + threshold + ")"), (bars, i, out) -> {
                    double m = mean.update(bars.close(i));
                    m = mean.ready() ? m : Double.NaN;
                    out[0] = m;
                    out[1] = m * (1 + threshold);
                    out[2] = m * (1 - threshold);
                });
    }

    public static ChartOverlay bollinger(int period, double k) {
        BollingerBands bands = new BollingerBands(period, k);
        return new ChartOverlay(List.of("BB upper", "BB middle", "BB lower"), (bars, i, out) -> {
            double mid = bands.update(bars.close(i));
            out[0] = Double.isNaN(mid) ? Double.NaN : bands.upper();
            out[1] = mid;
            out[2] = Double.isNaN(mid) ? Double.NaN : bands.lower();
        });
    }

    /** DonchianBreakout compares each close with the channels of the bars before it; so do these lines. */
    public static ChartOverlay donchian(int entryPeriod, int exitPeriod) {
        Donchian entry = new Donchian(entryPeriod);
        Donchian exit = new Donchian(exitPeriod);
        return new ChartOverlay(List.of("Donchian high(" + entryPeriod + ")", "Donchian low(" + exitPeriod + ")"),
                (bars, i, out) -> {
                    out[0] = entry.upper();
                    out[1] = exit.lower();
                    entry.update(bars.high(i), bars.low(i));
                    exit.update(bars.high(i), bars.low(i));
                });
    }
}
