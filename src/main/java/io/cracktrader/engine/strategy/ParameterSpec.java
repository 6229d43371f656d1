package io.cracktrader.engine.strategy;

/**
 * One tunable parameter of a strategy type: its JSON type ({@code integer}, {@code number} or
 * {@code boolean}), default, inclusive bounds (ignored for booleans) and a one-line description.
 */
public record ParameterSpec(String name, String type, Object defaultValue, Double min, Double max, String description) {

    public static ParameterSpec integer(String name, int defaultValue, int min, int max, String description) {
        return new ParameterSpec(name, "integer", defaultValue, (double) min, (double) max, description);
    }

    public static ParameterSpec number(String name, double defaultValue, double min, double max, String description) {
        return new ParameterSpec(name, "number", defaultValue, min, max, description);
    }

    public static ParameterSpec bool(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, "boolean", defaultValue, null, null, description);
    }
}
