package io.cracktrader.engine.strategy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The built-in strategy types, by name. */
public final class StrategyCatalog {
    private final Map<String, StrategyType> types = new LinkedHashMap<>();

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
    }

    private void register(StrategyType type) {
        types.put(type.name(), type);
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
        if ("MovingAverageCross".equals(type)
                && (Integer) resolved.get("fast_period") >= (Integer) resolved.get("slow_period")) {
            errors.put("fast_period", "must be smaller than slow_period (" + resolved.get("slow_period") + ")");
        }
        return errors;
    }
}
