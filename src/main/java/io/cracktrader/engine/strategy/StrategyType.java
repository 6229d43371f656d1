package io.cracktrader.engine.strategy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A kind of strategy users can run, with every fact about it in one place: its name, what it does,
 * its category and risk level, its parameters, the rules between parameters a schema cannot express
 * (fast below slow), the chart lines it trades on, and how to build one instance per symbol from
 * validated parameters. {@code definition} is the rule definition of a strategy added by a user
 * (see {@code rule.RuleCompiler}); null for the built-in ones. Adding a type is one registration in
 * {@code catalog.StrategyCatalog}; nothing else switches on its name.
 */
public record StrategyType(String name, String description, StrategyCategory category, String riskLevel,
                           List<ParameterSpec> parameters, Function<Map<String, Object>, Strategy> factory,
                           Function<Map<String, Object>, Map<String, String>> crossChecks,
                           Function<Map<String, Object>, ChartOverlay> overlays, Map<String, Object> definition) {

    /** Risk levels a type or a configured strategy may have. */
    public static final List<String> RISK_LEVELS = List.of("low", "medium", "high");

    /** A built-in type without cross-parameter rules or chart lines; add them with the {@code with…} methods. */
    public static StrategyType builtIn(String name, String description, StrategyCategory category, String riskLevel,
                                       List<ParameterSpec> parameters, Function<Map<String, Object>, Strategy> factory) {
        return new StrategyType(name, description, category, riskLevel, List.copyOf(parameters), factory,
                p -> Map.of(), p -> ChartOverlay.none(), null);
    }

    /** A rule strategy a user added: custom, medium risk, no parameters but {@code printlog}. */
    public static StrategyType rule(String name, String description, Map<String, Object> definition,
                                    Function<Map<String, Object>, Strategy> factory) {
        return new StrategyType(name, description, StrategyCategory.CUSTOM, "medium",
                List.of(ParameterSpec.bool("printlog", false, "Log every fill of the run")), factory,
                p -> Map.of(), p -> ChartOverlay.none(), Map.copyOf(definition));
    }

    public StrategyType withCrossChecks(Function<Map<String, Object>, Map<String, String>> checks) {
        return new StrategyType(name, description, category, riskLevel, parameters, factory, checks, overlays, definition);
    }

    public StrategyType withOverlays(Function<Map<String, Object>, ChartOverlay> lines) {
        return new StrategyType(name, description, category, riskLevel, parameters, factory, crossChecks, lines, definition);
    }

    public boolean builtIn() {
        return definition == null;
    }

    /** Broken cross-parameter rules of resolved parameters, as name → message; empty when none is broken. */
    public Map<String, String> crossCheck(Map<String, Object> resolved) {
        return crossChecks.apply(resolved);
    }

    /** Fresh chart lines for resolved parameters. */
    public ChartOverlay overlay(Map<String, Object> resolved) {
        return overlays.apply(resolved);
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
