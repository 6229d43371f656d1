package io.cracktrader.engine.catalog;

import io.cracktrader.engine.strategy.BollingerBreakout;
import io.cracktrader.engine.strategy.BuyAndHold;
import io.cracktrader.engine.strategy.ChartOverlay;
import io.cracktrader.engine.strategy.DonchianBreakout;
import io.cracktrader.engine.strategy.MacdMomentum;
import io.cracktrader.engine.strategy.MovingAverageCross;
import io.cracktrader.engine.strategy.ParameterSpec;
import io.cracktrader.engine.strategy.RsiMeanReversion;
import io.cracktrader.engine.strategy.StrategyCategory;
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
    private static final ParameterSpec PRINTLOG = ParameterSpec.bool("printlog", false, "Log every fill of the run");

    private volatile Map<String, StrategyType> types = new LinkedHashMap<>();

    public StrategyCatalog() {
        register(movingAverageCross());
        register(testStrategy());
        register(rsiMeanReversion());
        register(bollingerBreakout());
        register(macdMomentum());
        register(donchianBreakout());
        register(buyAndHold());
    }

    private static StrategyType movingAverageCross() {
        return StrategyType.builtIn("MovingAverageCross",
                "Long-only SMA crossover: buy when the fast average crosses above the slow one, sell when it "
                        + "crosses below; a tie is not a cross. Optional stop loss and take profit.",
                StrategyCategory.TREND_FOLLOWING, "medium",
                List.of(ParameterSpec.integer("fast_period", 10, 1, 1000, "Bars in the fast moving average"),
                        ParameterSpec.integer("slow_period", 30, 2, 5000, "Bars in the slow moving average"),
                        ParameterSpec.number("threshold", 0.0, 0.0, 0.5,
                                "Minimum gap |fast - slow| / slow for a cross to count (0 = exact)"),
                        ParameterSpec.number("stop_loss", 0.0, 0.0, 0.99,
                                "Close the position when the close falls this fraction below the entry (0 = off)"),
                        ParameterSpec.number("take_profit", 0.0, 0.0, 100.0,
                                "Close the position when the close rises this fraction above the entry (0 = off)"),
                        PRINTLOG),
                p -> new MovingAverageCross(integer(p, "fast_period"), integer(p, "slow_period"),
                        number(p, "threshold"), number(p, "stop_loss"), number(p, "take_profit")))
                .withCrossChecks(p -> below(p, "fast_period", "slow_period", "smaller than"))
                .withOverlays(p -> ChartOverlay.smas(integer(p, "fast_period"), integer(p, "slow_period")));
    }

    private static StrategyType testStrategy() {
        return StrategyType.builtIn("TestStrategy",
                "Band breakout for trying the service out: buy when the close rises more than `threshold` above "
                        + "its SMA(`period`), sell when it falls more than `threshold` below it. Long only.",
                StrategyCategory.CUSTOM, "low",
                List.of(ParameterSpec.integer("period", 20, 2, 1000, "Bars in the moving average"),
                        ParameterSpec.number("threshold", 0.01, 0.0, 0.5,
                                "Distance from the average, as a fraction, that triggers a trade"),
                        PRINTLOG),
                p -> new TestStrategy(integer(p, "period"), number(p, "threshold")))
                .withOverlays(p -> ChartOverlay.band(integer(p, "period"), number(p, "threshold")));
    }

    private static StrategyType rsiMeanReversion() {
        return StrategyType.builtIn("RsiMeanReversion",
                "Long only: buy when RSI closes below `oversold`, sell when it closes above `overbought`.",
                StrategyCategory.MEAN_REVERSION, "medium",
                List.of(ParameterSpec.integer("rsi_period", 14, 2, 500, "Bars in the RSI (Wilder)"),
                        ParameterSpec.number("oversold", 30, 1, 99, "RSI level that opens a position"),
                        ParameterSpec.number("overbought", 70, 1, 99, "RSI level that closes it"),
                        PRINTLOG),
                p -> new RsiMeanReversion(integer(p, "rsi_period"), number(p, "oversold"), number(p, "overbought")))
                .withCrossChecks(p -> below(p, "oversold", "overbought", "below"));
    }

    private static StrategyType bollingerBreakout() {
        return StrategyType.builtIn("BollingerBreakout",
                "Long only: buy when the close breaks above the upper Bollinger band, sell below the middle band.",
                StrategyCategory.BREAKOUT, "high",
                List.of(ParameterSpec.integer("period", 20, 2, 1000, "Bars in the bands' moving average"),
                        ParameterSpec.number("num_std", 2.0, 0.1, 10, "Band distance in standard deviations"),
                        PRINTLOG),
                p -> new BollingerBreakout(integer(p, "period"), number(p, "num_std")))
                .withOverlays(p -> ChartOverlay.bollinger(integer(p, "period"), number(p, "num_std")));
    }

    private static StrategyType macdMomentum() {
        return StrategyType.builtIn("MacdMomentum",
                "Long only: buy when the MACD line crosses above its signal line, sell when it crosses below.",
                StrategyCategory.MOMENTUM, "medium",
                List.of(ParameterSpec.integer("fast_period", 12, 1, 500, "Bars in the fast EMA"),
                        ParameterSpec.integer("slow_period", 26, 2, 1000, "Bars in the slow EMA"),
                        ParameterSpec.integer("signal_period", 9, 1, 500, "Bars in the signal line's EMA"),
                        PRINTLOG),
                p -> new MacdMomentum(integer(p, "fast_period"), integer(p, "slow_period"), integer(p, "signal_period")))
                .withCrossChecks(p -> below(p, "fast_period", "slow_period", "smaller than"));
    }

    private static StrategyType donchianBreakout() {
        return StrategyType.builtIn("DonchianBreakout",
                "Long only: buy when the close exceeds the highest high of the previous `entry_period` bars, "
                        + "sell when it falls below the lowest low of the previous `exit_period` bars.",
                StrategyCategory.BREAKOUT, "high",
                List.of(ParameterSpec.integer("entry_period", 20, 2, 1000, "Bars in the entry channel"),
                        ParameterSpec.integer("exit_period", 10, 2, 1000, "Bars in the exit channel"),
                        PRINTLOG),
                p -> new DonchianBreakout(integer(p, "entry_period"), integer(p, "exit_period")))
                .withOverlays(p -> ChartOverlay.donchian(integer(p, "entry_period"), integer(p, "exit_period")));
    }

    private static StrategyType buyAndHold() {
        return StrategyType.builtIn("BuyAndHold",
                "Buys with all cash at the second bar's open and holds to the end: the benchmark.",
                StrategyCategory.PASSIVE, "low", List.of(PRINTLOG), p -> new BuyAndHold());
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
        register(StrategyType.rule(name, description == null ? "Rule strategy" : description, definition,
                p -> RuleCompiler.compile(definition)));
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

    private static int integer(Map<String, Object> p, String name) {
        return ((Number) p.get(name)).intValue();
    }

    private static double number(Map<String, Object> p, String name) {
        return ((Number) p.get(name)).doubleValue();
    }

    /** The rule "{@code lower} must be below {@code upper}" of resolved parameters. */
    private static Map<String, String> below(Map<String, Object> p, String lower, String upper, String words) {
        if (number(p, lower) >= number(p, upper)) {
            return Map.of(lower, "must be " + words + " " + upper + " (" + p.get(upper) + ")");
        }
        return Map.of();
    }
}
