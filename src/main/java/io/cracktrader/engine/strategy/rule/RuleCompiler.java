package io.cracktrader.engine.strategy.rule;

import io.cracktrader.engine.data.BarSeries;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Compiles a rule definition, given as the maps, lists, strings and numbers a JSON parser produces:
 *
 * <pre>
 * {"entry": CONDITION, "exit": CONDITION}
 * CONDITION: {"gt"|"gte"|"lt"|"lte"|"cross_above"|"cross_below": [VALUE, VALUE]}
 *          | {"and"|"or": [CONDITION, ...]} | {"not": CONDITION}
 * VALUE:     a number | {"price": "open"|"high"|"low"|"close"|"volume"}
 *          | {"indicator": NAME, PARAMETER: number, ..., "output": OUTPUT, "source": PRICE}
 * </pre>
 *
 * A cross compares against the last non-zero difference, as MovingAverageCross does; comparisons
 * with a value not yet available are false. Identical values are computed once per bar. Errors name
 * the node by its path, e.g. {@code entry.and[1].cross_above[0].period}.
 */
public final class RuleCompiler {
    private static final String PRICES = "open, high, low, close, volume";
    private static final String OPERATORS = "gt, gte, lt, lte, cross_above, cross_below, and, or, not";

    /** What an indicator takes: its parameters, its outputs (first = default), whether it reads a source price. */
    private record Spec(List<Param> params, List<String> outputs, boolean source) {
    }

    private record Param(String name, boolean integer, double defaultValue, double min, double max) {
    }

    private static final Map<String, Spec> INDICATORS = new TreeMap<>();

    static {
        Param period = new Param("period", true, 14, 1, 5000);
        spec("sma", List.of(new Param("period", true, 20, 1, 5000)), List.of("value"), true);
        spec("ema", List.of(new Param("period", true, 20, 1, 5000)), List.of("value"), true);
        spec("wma", List.of(new Param("period", true, 20, 1, 5000)), List.of("value"), true);
        spec("dema", List.of(new Param("period", true, 20, 1, 5000)), List.of("value"), true);
        spec("tema", List.of(new Param("period", true, 20, 1, 5000)), List.of("value"), true);
        spec("stddev", List.of(new Param("period", true, 20, 1, 5000)), List.of("value"), true);
        spec("rsi", List.of(period), List.of("value"), true);
        spec("roc", List.of(new Param("period", true, 12, 1, 5000)), List.of("roc", "momentum"), true);
        spec("macd", List.of(new Param("fast", true, 12, 1, 1000), new Param("slow", true, 26, 2, 2000),
                new Param("signal", true, 9, 1, 1000)), List.of("line", "signal", "histogram"), true);
        spec("bollinger", List.of(new Param("period", true, 20, 2, 5000), new Param("k", false, 2, 0.1, 10)),
                List.of("middle", "upper", "lower"), true);
        spec("atr", List.of(period), List.of("value"), false);
        spec("stochastic", List.of(period, new Param("d_period", true, 3, 1, 100)), List.of("k", "d"), false);
        spec("cci", List.of(new Param("period", true, 20, 2, 5000)), List.of("value"), false);
        spec("williams_r", List.of(period), List.of("value"), false);
        spec("adx", List.of(period), List.of("adx", "plus_di", "minus_di"), false);
        spec("psar", List.of(new Param("step", false, 0.02, 0.001, 1), new Param("max", false, 0.2, 0.01, 1)),
                List.of("value"), false);
        spec("aroon", List.of(new Param("period", true, 25, 1, 5000)), List.of("up", "down", "oscillator"), false);
        spec("obv", List.of(), List.of("value"), false);
        spec("vwap", List.of(new Param("period", true, 20, 1, 5000)), List.of("value"), false);
        spec("mfi", List.of(period), List.of("value"), false);
        spec("donchian", List.of(new Param("period", true, 20, 1, 5000)), List.of("middle", "upper", "lower"), false);
        spec("keltner", List.of(new Param("period", true, 20, 1, 5000), new Param("atr_period", true, 10, 1, 5000),
                new Param("k", false, 2, 0.1, 10)), List.of("middle", "upper", "lower"), false);
        spec("ichimoku", List.of(new Param("conversion", true, 9, 1, 500), new Param("base", true, 26, 1, 500),
                new Param("span_b", true, 52, 1, 1000)), List.of("tenkan", "kijun", "senkou_a", "senkou_b"), false);
    }

    private static void spec(String name, List<Param> params, List<String> outputs, boolean source) {
        INDICATORS.put(name, new Spec(params, outputs, source));
    }

    /** The indicator names a rule may use. */
    public static List<String> indicators() {
        return List.copyOf(INDICATORS.keySet());
    }

    private final Map<String, ValueNode> values = new LinkedHashMap<>();

    private RuleCompiler() {
    }

    /** Builds a fresh strategy (its own indicator state) from a definition. */
    public static RuleStrategy compile(Map<String, ?> definition) {
        RuleCompiler c = new RuleCompiler();
        Condition entry = c.condition(require(definition, "entry"), "entry");
        Condition exit = c.condition(require(definition, "exit"), "exit");
        return new RuleStrategy(c.values.values().toArray(ValueNode[]::new), entry, exit);
    }

    private static Object require(Map<String, ?> definition, String key) {
        Object node = definition == null ? null : definition.get(key);
        if (node == null) {
            throw new RuleException(key, "is required");
        }
        return node;
    }

    private Condition condition(Object node, String path) {
        if (!(node instanceof Map<?, ?> map) || map.size() != 1) {
            throw new RuleException(path, "must be an object with exactly one operator: " + OPERATORS);
        }
        Map.Entry<?, ?> e = map.entrySet().iterator().next();
        String op = String.valueOf(e.getKey());
        String at = path + "." + op;
        Object arg = e.getValue();
        switch (op) {
            case "gt", "gte", "lt", "lte", "cross_above", "cross_below": {
                if (!(arg instanceof List<?> pair) || pair.size() != 2) {
                    throw new RuleException(at, "takes a list of two values");
                }
                ValueNode a = value(pair.get(0), at + "[0]");
                ValueNode b = value(pair.get(1), at + "[1]");
                return switch (op) {
                    case "gt" -> () -> a.value() > b.value();
                    case "gte" -> () -> a.value() >= b.value();
                    case "lt" -> () -> a.value() < b.value();
                    case "lte" -> () -> a.value() <= b.value();
                    case "cross_above" -> new Cross(a, b, true);
                    default -> new Cross(a, b, false);
                };
            }
            case "and", "or": {
                if (!(arg instanceof List<?> list) || list.isEmpty()) {
                    throw new RuleException(at, "takes a non-empty list of conditions");
                }
                Condition[] parts = new Condition[list.size()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = condition(list.get(i), at + "[" + i + "]");
                }
                boolean all = op.equals("and");
                return () -> {
                    boolean result = all;
                    for (Condition c : parts) {          // every part, every bar: crosses keep their state
                        boolean v = c.evaluate();
                        result = all ? result && v : result || v;
                    }
                    return result;
                };
            }
            case "not": {
                Condition inner = condition(arg, at);
                return () -> !inner.evaluate();
            }
            default:
                throw new RuleException(path, "unknown operator '" + op + "'; use one of " + OPERATORS);
        }
    }

    /** A sign change of a − b against the last non-zero sign; a tie is not a cross. */
    private static final class Cross implements Condition {
        private final ValueNode a;
        private final ValueNode b;
        private final boolean above;
        private int lastSign;

        Cross(ValueNode a, ValueNode b, boolean above) {
            this.a = a;
            this.b = b;
            this.above = above;
        }

        @Override
        public boolean evaluate() {
            double diff = a.value() - b.value();
            if (Double.isNaN(diff) || diff == 0) {
                return false;
            }
            int sign = diff > 0 ? 1 : -1;
            boolean crossed = lastSign != 0 && sign != lastSign && (sign > 0) == above;
            lastSign = sign;
            return crossed;
        }
    }

    private ValueNode value(Object node, String path) {
        if (node instanceof Number n) {
            double constant = n.doubleValue();
            if (!Double.isFinite(constant)) {
                throw new RuleException(path, "must be a finite number");
            }
            return shared("const:" + constant, () -> new Constant(constant));
        }
        if (node instanceof Map<?, ?> map && map.containsKey("price")) {
            if (map.size() != 1) {
                throw new RuleException(path, "a price node has only \"price\"");
            }
            String field = String.valueOf(map.get("price"));
            int column = priceColumn(field, path + ".price");
            return shared("price:" + field, () -> new Price(column));
        }
        if (node instanceof Map<?, ?> map && map.containsKey("indicator")) {
            return indicator(map, path);
        }
        throw new RuleException(path, "must be a number, {\"price\": ...} or {\"indicator\": ...}");
    }

    private static int priceColumn(String field, String path) {
        return switch (field) {
            case "open" -> 0;
            case "high" -> 1;
            case "low" -> 2;
            case "close" -> 3;
            case "volume" -> 4;
            default -> throw new RuleException(path, "unknown price '" + field + "'; use one of " + PRICES);
        };
    }

    private ValueNode indicator(Map<?, ?> map, String path) {
        String name = String.valueOf(map.get("indicator"));
        Spec spec = INDICATORS.get(name);
        if (spec == null) {
            throw new RuleException(path + ".indicator", "unknown indicator '" + name + "'; use one of "
                    + String.join(", ", INDICATORS.keySet()));
        }
        Map<String, Double> p = new TreeMap<>();
        for (Param param : spec.params()) {
            p.put(param.name(), param.defaultValue());
        }
        String output = spec.outputs().get(0);
        int source = 3;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            String at = path + "." + key;
            if (key.equals("indicator")) {
                continue;
            }
            if (key.equals("output")) {
                output = String.valueOf(e.getValue());
                if (!spec.outputs().contains(output)) {
                    throw new RuleException(at, name + " has outputs " + String.join(", ", spec.outputs()));
                }
                continue;
            }
            if (key.equals("source")) {
                if (!spec.source()) {
                    throw new RuleException(at, name + " reads high, low and close itself; it takes no source");
                }
                source = priceColumn(String.valueOf(e.getValue()), at);
                continue;
            }
            Param param = spec.params().stream().filter(x -> x.name().equals(key)).findFirst().orElseThrow(() ->
                    new RuleException(at, "unknown parameter of " + name + "; it takes "
                            + (spec.params().isEmpty() ? "none" : String.join(", ",
                            spec.params().stream().map(Param::name).toList()))));
            if (!(e.getValue() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
                throw new RuleException(at, "must be a number");
            }
            double v = n.doubleValue();
            if (param.integer() && v != Math.rint(v)) {
                throw new RuleException(at, "must be an integer");
            }
            if (v < param.min() || v > param.max()) {
                throw new RuleException(at, "must be between " + fmt(param.min()) + " and " + fmt(param.max()));
            }
            p.put(key, v);
        }
        if (name.equals("macd") && p.get("fast") >= p.get("slow")) {
            throw new RuleException(path + ".fast", "must be smaller than slow");
        }
        String out = output;
        int src = source;
        return shared(name + p + ":" + out + ":" + src, () -> IndicatorNodes.build(name, p, out, src));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private ValueNode shared(String key, Supplier<ValueNode> make) {
        return values.computeIfAbsent(key, k -> make.get());
    }

    private static final class Constant implements ValueNode {
        private final double value;

        Constant(double value) {
            this.value = value;
        }

        @Override
        public void update(BarSeries bars, int index) {
        }

        @Override
        public double value() {
            return value;
        }
    }

    private static final class Price implements ValueNode {
        private final int column;
        private double value = Double.NaN;

        Price(int column) {
            this.column = column;
        }

        @Override
        public void update(BarSeries bars, int index) {
            value = IndicatorNodes.price(bars, index, column);
        }

        @Override
        public double value() {
            return value;
        }
    }
}
