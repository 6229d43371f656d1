package io.cracktrader.engine.catalog;

import io.cracktrader.engine.strategy.BollingerBreakout;
import io.cracktrader.engine.strategy.BuyAndHold;
import io.cracktrader.engine.strategy.DonchianBreakout;
import io.cracktrader.engine.strategy.MacdMomentum;
import io.cracktrader.engine.strategy.MovingAverageCross;
import io.cracktrader.engine.strategy.ParameterSpec;
import io.cracktrader.engine.strategy.RsiMeanReversion;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.engine.strategy.TestStrategy;
import io.cracktrader.engine.strategy.rule.RuleCompiler;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The strategy types runs can use, by name: the built-in ones and the rule strategies users add.
 * Reads are lock-free on an immutable map that writers replace.
 */
public final class StrategyCatalog {
    private volatile Map<String, StrategyType> types = new LinkedHashMap<>();

    public StrategyCatalog() {
        register(new StrategyType("MovingAverageCross",
                "Long-only SMA crossover: buy when the fast average crosses above the slow one, sell when it "
                        + "crosses below; a tie is not a cross. Optional stop loss and take profit.",
                List.of(ParameterSpec.integer("fast_period", 10, 1, 1000, "Bars in the fast moving average"),
                        ParameterSpec.integer("slow_period", 30, 2, 5000, "Bars in the slow moving average"),
                        ParameterSpec.number("threshold", 0.0, 0.0, 0.5,
                                "Minimum gap |fast - slow| / slow for a cross to count (0 = exact)"),
                        ParameterSpec.number("stop_loss", 0.0, 0.0, 0.99,
                                "Close the position when the close falls this fraction below the entry (0 = off)"),
                        ParameterSpec.number("take_profit", 0.0, 0.0, 100.0,
                                "Close the position when the close rises this fraction above the entry (0 = off)"),
                        ParameterSpec.bool("printlog", false, "Log every fill of the run")),
                p -> new MovingAverageCross((Integer) p.get("fast_period"), (Integer) p.get("slow_period"),
                        (Double) p.get("threshold"), (Double) p.get("stop_loss"), (Double) p.get("take_profit"))));
        register(new StrategyType("TestStrategy",
                "Band breakout for trying the service out: buy when the close rises more than `threshold` above "
                        + "its SMA(`period`), sell when it falls more than `threshold` below it. Long only.",
                List.of(ParameterSpec.integer("period", 20, 2, 1000, "Bars in the moving average"),
                        ParameterSpec.number("threshold", 0.01, 0.0, 0.5,
                                "Distance from the average, as a fraction, that triggers a trade"),
                        ParameterSpec.bool("printlog", false, "Log every fill of the run")),
                p -> new TestStrategy((Integer) p.get("period"), (Double) p.get("threshold"))));
        register(new StrategyType("RsiMeanReversion",
                "Long only: buy when RSI closes below `oversold`, sell when it closes above `overbought`.",
                List.of(ParameterSpec.integer("rsi_period", 14, 2, 500, "Bars in the RSI (Wilder)"),
                        ParameterSpec.number("oversold", 30, 1, 99, "RSI level that opens a position"),
                        ParameterSpec.number("overbought", 70, 1, 99, "RSI level that closes it"),
                        ParameterSpec.bool("printlog", false, "Log every fill of the run")),
                p -> new RsiMeanReversion((Integer) p.get("rsi_period"), (Double) p.get("oversold"),
                        (Double) p.get("overbought"))));
        register(new StrategyType("BollingerBreakout",
                "Long only: buy when the close breaks above the upper Bollinger band, sell below the middle band.",
                List.of(ParameterSpec.integer("period", 20, 2, 1000, "Bars in the bands' moving average"),
                        ParameterSpec.number("num_std", 2.0, 0.1, 10, "Band distance in standard deviations"),
                        ParameterSpec.bool("printlog", false, "Log every fill of the run")),
                p -> new BollingerBreakout((Integer) p.get("period"), (Double) p.get("num_std"))));
        register(new StrategyType("MacdMomentum",
                "Long only: buy when the MACD line crosses above its signal line, sell when it crosses below.",
                List.of(ParameterSpec.integer("fast_period", 12, 1, 500, "Bars in the fast EMA"),
                        ParameterSpec.integer("slow_period", 26, 2, 1000, "Bars in the slow EMA"),
                        ParameterSpec.integer("signal_period", 9, 1, 500, "Bars in the signal line's EMA"),
                        ParameterSpec.bool("printlog", false, "Log every fill of the run")),
                p -> new MacdMomentum((Integer) p.get("fast_period"), (Integer) p.get("slow_period"),
                        (Integer) p.get("signal_period"))));
        register(new StrategyType("DonchianBreakout",
                "Long only: buy when the close exceeds the highest high of the previous `entry_period` bars, "
                        + "sell when it falls below the lowest low of the previous `exit_period` bars.",
                List.of(ParameterSpec.integer("entry_period", 20, 2, 1000, "Bars in the entry channel"),
                        ParameterSpec.integer("exit_period", 10, 2, 1000, "Bars in the exit channel"),
                        ParameterSpec.bool("printlog", false, "Log every fill of the run")),
                p -> new DonchianBreakout((Integer) p.get("entry_period"), (Integer) p.get("exit_period"))));
        register(new StrategyType("BuyAndHold",
                "Buys with all cash at the second bar's open and holds to the end: the benchmark.",
                List.of(ParameterSpec.bool("printlog", false, "Log every fill of the run")),
                p -> new BuyAndHold()));
    }

    private synchronized void register(StrategyType type) {
        Map<String, StrategyType> next = new LinkedHashMap<>(types);
        next.put(type.name(), type);
        types = next;
    }

    /**
     * Adds a rule strategy; every run compiles its own instance from {@code definition}, which must
     * already compile (see {@link RuleCompiler#compile}). Returns false when the name is taken.
     */
    public synchronized boolean addRule(String name, String description, Map<String, Object> definition) {
        if (types.containsKey(name)) {
            return false;
        }
        RuleCompiler.compile(definition);
        register(new StrategyType(name, description == null ? "Rule strategy" : description,
                List.of(ParameterSpec.bool("printlog", false, "Log every fill of the run")),
                p -> RuleCompiler.compile(definition), Map.copyOf(definition)));
        return true;
    }

    /** Removes a rule strategy; built-in types stay. Returns whether one was removed. */
    public synchronized boolean removeRule(String name) {
        StrategyType type = types.get(name);
        if (type == null || type.builtIn()) {
            return false;
        }
        Map<String, StrategyType> next = new LinkedHashMap<>(types);
        next.remove(name);
        types = next;
        return true;
    }

    /** The type called {@code name}, or null. */
    public StrategyType find(String name) {
        return name == null ? null : types.get(name);
    }

    public Collection<StrategyType> all() {
        return types.values();
    }

    /**
     * Cross-parameter rules a schema cannot express, as name → message; empty when none is broken.
     */
    public static Map<String, String> crossCheck(String type, Map<String, Object> resolved) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (("MovingAverageCross".equals(type) || "MacdMomentum".equals(type))
                && (Integer) resolved.get("fast_period") >= (Integer) resolved.get("slow_period")) {
            errors.put("fast_period", "must be smaller than slow_period (" + resolved.get("slow_period") + ")");
        }
        if ("RsiMeanReversion".equals(type) && (Double) resolved.get("oversold") >= (Double) resolved.get("overbought")) {
            errors.put("oversold", "must be below overbought (" + resolved.get("overbought") + ")");
        }
        return errors;
    }
}
