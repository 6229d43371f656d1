package io.cracktrader.engine.strategy.rule;

import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.indicator.Adx;
import io.cracktrader.engine.indicator.Aroon;
import io.cracktrader.engine.indicator.Atr;
import io.cracktrader.engine.indicator.BollingerBands;
import io.cracktrader.engine.indicator.Cci;
import io.cracktrader.engine.indicator.Dema;
import io.cracktrader.engine.indicator.Donchian;
import io.cracktrader.engine.indicator.Ema;
import io.cracktrader.engine.indicator.Ichimoku;
import io.cracktrader.engine.indicator.Keltner;
import io.cracktrader.engine.indicator.Macd;
import io.cracktrader.engine.indicator.Mfi;
import io.cracktrader.engine.indicator.Obv;
import io.cracktrader.engine.indicator.ParabolicSar;
import io.cracktrader.engine.indicator.RateOfChange;
import io.cracktrader.engine.indicator.Rsi;
import io.cracktrader.engine.indicator.Sma;
import io.cracktrader.engine.indicator.StdDev;
import io.cracktrader.engine.indicator.Stochastic;
import io.cracktrader.engine.indicator.Tema;
import io.cracktrader.engine.indicator.Vwap;
import io.cracktrader.engine.indicator.WilliamsR;
import io.cracktrader.engine.indicator.Wma;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The value nodes of a rule's indicators: one engine indicator instance each, read through the output
 * the rule names ({@code macd.signal}, {@code bollinger.upper}). {@link RuleCompiler} checks names and
 * parameters before it builds one.
 */
final class IndicatorNodes {
    private IndicatorNodes() {
    }

    /** One indicator instance and the output a node reads from it. */
    static ValueNode build(String name, Map<String, Double> p, String output, int source) {
        ValueNode node = closeIndicator(name, p, output, source);
        return node != null ? node : barIndicator(name, p, output);
    }

    /** Indicators of one price column (the close unless {@code source} says otherwise); null for the others. */
    private static ValueNode closeIndicator(String name, Map<String, Double> p, String output, int source) {
        switch (name) {
            case "sma": { Sma x = new Sma(i(p, "period")); return closeNode(source, x::update); }
            case "ema": { Ema x = new Ema(i(p, "period")); return closeNode(source, x::update); }
            case "wma": { Wma x = new Wma(i(p, "period")); return closeNode(source, x::update); }
            case "dema": { Dema x = new Dema(i(p, "period")); return closeNode(source, x::update); }
            case "tema": { Tema x = new Tema(i(p, "period")); return closeNode(source, x::update); }
            case "stddev": { StdDev x = new StdDev(i(p, "period")); return closeNode(source, x::update); }
            case "rsi": { Rsi x = new Rsi(i(p, "period")); return closeNode(source, x::update); }
            case "roc": {
                RateOfChange x = new RateOfChange(i(p, "period"));
                return output.equals("roc") ? closeNode(source, x::update)
                        : closeNode(source, v -> { x.update(v); return x.momentum(); });
            }
            case "macd": {
                Macd x = new Macd(i(p, "fast"), i(p, "slow"), i(p, "signal"));
                return closeNode(source, v -> {
                    x.update(v);
                    return switch (output) {
                        case "signal" -> x.signal();
                        case "histogram" -> x.histogram();
                        default -> x.line();
                    };
                });
            }
            case "bollinger": {
                BollingerBands x = new BollingerBands(i(p, "period"), p.get("k"));
                return closeNode(source, v -> {
                    x.update(v);
                    return output.equals("upper") ? x.upper() : output.equals("lower") ? x.lower() : x.middle();
                });
            }
            default:
                return null;
        }
    }

    /** Indicators of the whole bar (high, low, close, volume). */
    private static ValueNode barIndicator(String name, Map<String, Double> p, String output) {
        switch (name) {
            case "atr": { Atr x = new Atr(i(p, "period")); return barNode((b, k) -> x.update(b.high(k), b.low(k), b.close(k))); }
            case "stochastic": {
                Stochastic x = new Stochastic(i(p, "period"), i(p, "d_period"));
                return barNode((b, k) -> {
                    x.update(b.high(k), b.low(k), b.close(k));
                    return output.equals("d") ? x.d() : x.k();
                });
            }
            case "cci": { Cci x = new Cci(i(p, "period")); return barNode((b, k) -> x.update(b.high(k), b.low(k), b.close(k))); }
            case "williams_r": {
                WilliamsR x = new WilliamsR(i(p, "period"));
                return barNode((b, k) -> x.update(b.high(k), b.low(k), b.close(k)));
            }
            case "adx": {
                Adx x = new Adx(i(p, "period"));
                return barNode((b, k) -> {
                    x.update(b.high(k), b.low(k), b.close(k));
                    return output.equals("plus_di") ? x.plusDi() : output.equals("minus_di") ? x.minusDi() : x.adx();
                });
            }
            case "psar": { ParabolicSar x = new ParabolicSar(p.get("step"), p.get("max")); return barNode((b, k) -> x.update(b.high(k), b.low(k))); }
            case "aroon": {
                Aroon x = new Aroon(i(p, "period"));
                return barNode((b, k) -> {
                    x.update(b.high(k), b.low(k));
                    return output.equals("down") ? x.down() : output.equals("oscillator") ? x.oscillator() : x.up();
                });
            }
            case "obv": { Obv x = new Obv(); return barNode((b, k) -> x.update(b.close(k), b.volume(k))); }
            case "vwap": { Vwap x = new Vwap(i(p, "period")); return barNode((b, k) -> x.update(b.high(k), b.low(k), b.close(k), b.volume(k))); }
            case "mfi": { Mfi x = new Mfi(i(p, "period")); return barNode((b, k) -> x.update(b.high(k), b.low(k), b.close(k), b.volume(k))); }
            default:
                return channelIndicator(name, p, output);
        }
    }

    /** Channel and cloud indicators of highs and lows: Donchian, Keltner, Ichimoku. */
    private static ValueNode channelIndicator(String name, Map<String, Double> p, String output) {
        switch (name) {
            case "donchian": {
                Donchian x = new Donchian(i(p, "period"));
                return barNode((b, k) -> {
                    double mid = x.update(b.high(k), b.low(k));
                    return output.equals("upper") ? x.upper() : output.equals("lower") ? x.lower() : mid;
                });
            }
            case "keltner": {
                Keltner x = new Keltner(i(p, "period"), i(p, "atr_period"), p.get("k"));
                return barNode((b, k) -> {
                    double mid = x.update(b.high(k), b.low(k), b.close(k));
                    return output.equals("upper") ? x.upper() : output.equals("lower") ? x.lower() : mid;
                });
            }
            case "ichimoku": {
                Ichimoku x = new Ichimoku(i(p, "conversion"), i(p, "base"), i(p, "span_b"));
                return barNode((b, k) -> {
                    x.update(b.high(k), b.low(k));
                    return switch (output) {
                        case "kijun" -> x.kijun();
                        case "senkou_a" -> x.senkouA();
                        case "senkou_b" -> x.senkouB();
                        default -> x.tenkan();
                    };
                });
            }
            default:
                throw new IllegalStateException("no builder for " + name);
        }
    }

    /** Reads the whole bar. */
    @FunctionalInterface
    private interface BarFunction {
        double apply(BarSeries bars, int index);
    }

    private static ValueNode barNode(BarFunction f) {
        return new ValueNode() {
            private double value = Double.NaN;

            @Override
            public void update(BarSeries bars, int index) {
                value = f.apply(bars, index);
            }

            @Override
            public double value() {
                return value;
            }
        };
    }

    private static ValueNode closeNode(int source, DoubleUnaryOperator f) {
        return barNode((b, k) -> f.applyAsDouble(price(b, k, source)));
    }

    /** Column {@code column} of bar {@code k}: 0 open, 1 high, 2 low, 3 close, 4 volume. */
    static double price(BarSeries b, int k, int column) {
        return switch (column) {
            case 0 -> b.open(k);
            case 1 -> b.high(k);
            case 2 -> b.low(k);
            case 4 -> b.volume(k);
            default -> b.close(k);
        };
    }

    private static int i(Map<String, Double> p, String k) {
        return (int) Math.round(p.get(k));
    }
}
