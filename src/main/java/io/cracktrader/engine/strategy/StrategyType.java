package io.cracktrader.engine.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A kind of strategy users can run: its name, what it does, its parameters, and how to build one
 * instance per symbol from validated parameters. {@code definition} is the rule definition of a
 * strategy added by a user (see {@code rule.RuleCompiler}); null for the built-in ones.
 */
public record StrategyType(String name, String description, List<ParameterSpec> parameters,
                           Function<Map<String, Object>, Strategy> factory, Map<String, Object> definition) {

    /** A built-in type. */
    public StrategyType(String name, String description, List<ParameterSpec> parameters,
                        Function<Map<String, Object>, Strategy> factory) {
        this(name, description, parameters, factory, null);
    }

    public boolean builtIn() {
        return definition == null;
    }

    /**
     * Checks user-supplied parameters against the schema. Returns one message per bad parameter,
     * keyed by its name; empty when everything is acceptable.
     */
    public Map<String, String> validate(Map<String, Object> supplied) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (supplied == null) {
            return errors;
        }
        for (Map.Entry<String, Object> e : supplied.entrySet()) {
            ParameterSpec spec = spec(e.getKey());
            if (spec == null) {
                errors.put(e.getKey(), "unknown parameter for " + name + "; expected one of " + names());
                continue;
            }
            String problem = check(spec, e.getValue());
            if (problem != null) {
                errors.put(e.getKey(), problem);
            }
        }
        return errors;
    }

    /** The full parameter set: supplied values (already validated) over the defaults, typed. */
    public Map<String, Object> resolve(Map<String, Object> supplied) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (ParameterSpec spec : parameters) {
            Object value = supplied == null ? null : supplied.get(spec.name());
            if (value == null) {
                value = spec.defaultValue();
            }
            resolved.put(spec.name(), switch (spec.type()) {
                case "integer" -> ((Number) value).intValue();
                case "number" -> ((Number) value).doubleValue();
                default -> value;
            });
        }
        return resolved;
    }

    public Strategy create(Map<String, Object> resolvedParameters) {
        return factory.apply(resolvedParameters);
    }

    private ParameterSpec spec(String parameter) {
        for (ParameterSpec p : parameters) {
            if (p.name().equals(parameter)) {
                return p;
            }
        }
        return null;
    }

    private String names() {
        return String.join(", ", parameters.stream().map(ParameterSpec::name).toList());
    }

    private static String check(ParameterSpec spec, Object value) {
        if (value == null) {
            return null;
        }
        switch (spec.type()) {
            case "boolean":
                return value instanceof Boolean ? null : "must be true or false";
            case "integer": {
                if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                    return "must be an integer";
                }
                return range(spec, n.doubleValue());
            }
            default: {
                if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                    return "must be a number";
                }
                return range(spec, n.doubleValue());
            }
        }
    }

    private static String range(ParameterSpec spec, double v) {
        if (v < spec.min() || v > spec.max()) {
            return "must be between " + format(spec.min()) + " and " + format(spec.max());
        }
        return null;
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
