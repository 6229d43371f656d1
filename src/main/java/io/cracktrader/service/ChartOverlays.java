package io.cracktrader.service;

import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.indicator.BollingerBands;
import io.cracktrader.engine.indicator.Donchian;
import io.cracktrader.engine.indicator.Sma;
import java.util.List;
import java.util.Map;

/**
 * The price-scale indicators a built-in strategy trades on, computed with the engine's own indicator
 * classes over the run's bars, so a chart shows exactly the lines the strategy compared prices with.
 * Strategies that trade oscillators (RSI, MACD) or rules have none here.
 */
final class ChartOverlays {
    /** Named lines; {@code update} fills {@code out} with each line's value after bar {@code i}, NaN while it warms up. */
    record Lines(List<String> names, Update update) {
    }

    interface Update {
        void update(BarSeries bars, int i, double[] out);
    }

    private ChartOverlays() {
    }

    static Lines of(String strategy, Map<String, Object> params) {
        return switch (strategy) {
            case "MovingAverageCross" -> smas(intParam(params, "fast_period"), intParam(params, "slow_period"));
            case "TestStrategy" -> band(intParam(params, "period"), number(params, "threshold"));
            case "BollingerBreakout" -> bollinger(intParam(params, "period"), number(params, "num_std"));
            case "DonchianBreakout" -> donchian(intParam(params, "entry_period"), intParam(params, "exit_period"));
            default -> none();
        };
    }

    private static Lines smas(int fastPeriod, int slowPeriod) {
        Sma fast = new Sma(fastPeriod);
        Sma slow = new Sma(slowPeriod);
        return lines(new String[] {"SMA(" + fastPeriod + ")", "SMA(" + slowPeriod + ")"}, (bars, i, out) -> {
            double f = fast.update(bars.close(i));
            double s = slow.update(bars.close(i));
            out[0] = fast.ready() ? f : Double.NaN;
            out[1] = slow.ready() ? s : Double.NaN;
        });
    }

    private static Lines band(int period, double threshold) {
        Sma mean = new Sma(period);
        return lines(new String[] {"SMA(" + period + ")", "SMA × (1 + " + threshold + ")", "SMA × (1 − " + threshold + ")"},
                (bars, i, out) -> {
                    double m = mean.update(bars.close(i));
                    m = mean.ready() ? m : Double.NaN;
                    out[0] = m;
                    out[1] = m * (1 + threshold);
                    out[2] = m * (1 - threshold);
                });
    }

    private static Lines bollinger(int period, double k) {
        BollingerBands bands = new BollingerBands(period, k);
        return lines(new String[] {"BB upper", "BB middle", "BB lower"}, (bars, i, out) -> {
            double mid = bands.update(bars.close(i));
            out[0] = Double.isNaN(mid) ? Double.NaN : bands.upper();
            out[1] = mid;
            out[2] = Double.isNaN(mid) ? Double.NaN : bands.lower();
        });
    }

    /** DonchianBreakout compares each close with the channels of the bars before it; so does the chart. */
    private static Lines donchian(int entryPeriod, int exitPeriod) {
        Donchian entry = new Donchian(entryPeriod);
        Donchian exit = new Donchian(exitPeriod);
        return lines(new String[] {"Donchian high(" + entryPeriod + ")", "Donchian low(" + exitPeriod + ")"},
                (bars, i, out) -> {
                    out[0] = entry.upper();
                    out[1] = exit.lower();
                    entry.update(bars.high(i), bars.low(i));
                    exit.update(bars.high(i), bars.low(i));
                });
    }

    private static Lines none() {
        return lines(new String[0], (bars, i, out) -> { });
    }

    private static Lines lines(String[] names, Update update) {
        return new Lines(List.of(names), update);
    }

    private static int intParam(Map<String, Object> params, String name) {
        return ((Number) params.get(name)).intValue();
    }

    private static double number(Map<String, Object> params, String name) {
        return ((Number) params.get(name)).doubleValue();
    }
}
