package io.cracktrader.rest.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds requests from the OpenAPI document: mostly well-formed (so that they reach the service's own
 * checks and code), some with one hostile part (a value of the wrong type or out of range, a missing
 * field, a path segment that tries to escape, a body that is not JSON, a method the path does not take).
 */
final class RequestGenerator {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final List<String> HOSTILE_STRINGS = List.of("", " ", "../../etc/passwd", "..%2F..%2Fsecret", "a\u0000b",
            "x".repeat(5000), "'; DROP TABLE runs; --", "<script>alert(1)</script>", "\uD83D\uDE00", "NaN", "-1",
            "1e308", "99999999999999999999999999", "null", "BTC/USDT/ETH", "%", "\\", "\u202Eevil", "${jndi:x}");
    static final List<Object> HOSTILE_NUMBERS = List.of(-1, 0, 1e308, -1e308, Long.MAX_VALUE, Long.MIN_VALUE, 1e-320,
            Integer.MIN_VALUE, 0.5, 1e15 + 1);
    static final List<String> HOSTILE_BODIES = List.of("", "{", "[]", "null", "\"x\"", "1e999", "{\"a\":",
            "[".repeat(3000) + "]".repeat(3000), "{\"initial_cash\": NaN}", "<xml/>", "\u0000");

    /** One request to send. */
    record Request(String method, String path, String contentType, String body) {
    }

    private final Random random;
    private final JsonNode schemas;
    private final ObjectMapper json = new ObjectMapper();

    RequestGenerator(long seed, JsonNode document) {
        this.random = new Random(seed);
        this.schemas = document.path("components").path("schemas");
    }

    Random random() {
        return random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    Request generate(String method, String path, JsonNode operation, List<String> knownIds) {
        StringBuilder query = new StringBuilder();
        String concrete = path;
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            if (in.equals("path")) {
                concrete = concrete.replace("{" + name + "}", pathValue(name, knownIds));
            } else if (in.equals("query") && chance(0.6)) {
                query.append(query.length() == 0 ? '?' : '&').append(encode(name)).append('=')
                        .append(encode(queryValue(name, parameter.path("schema"))));
            }
        }
        String contentType = null;
        String body = null;
        JsonNode content = operation.path("requestBody").path("content");
        if (content.size() > 0) {
            Iterator<String> types = content.fieldNames();
            contentType = types.next();
            body = contentType.contains("json") ? jsonBody(content.path(contentType).path("schema")) : csvBody();
            if (chance(0.04)) {
                contentType = pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded"));
            }
        }
        if (chance(0.03)) {
            method = pick(List.of("PATCH", "PUT", "DELETE", "POST")); // a method the path may not take
        }
        return new Request(method, concrete + query, contentType, body);
    }

    private String pathValue(String name, List<String> knownIds) {
        double roll = random.nextDouble();
        if (name.equals("symbol") && roll < 0.6) {
            return pick(List.of("BTC/USDT", "ETH/USDT", "BTC-USDT", "XRP/BTC", "NOPE/NOPE"));
        }
        if (name.equals("exchange") && roll < 0.6) {
            return pick(List.of("binance", "simulated", "kraken", "nowhere"));
        }
        if (roll < 0.45 && !knownIds.isEmpty()) {
            return encode(pick(knownIds));
        }
        if (roll < 0.75) {
            return encode(pick(HOSTILE_STRINGS)).replace("+", "%20");
        }
        return Long.toHexString(random.nextLong());
    }

    private String queryValue(String name, JsonNode schema) {
        if (name.equals("exchange")) {
            return pick(List.of("binance", "simulated", "nowhere"));
        }
        if (chance(0.2)) {
            return pick(HOSTILE_STRINGS);
        }
        JsonNode value = value(schema, 0, name);
        return value.isTextual() ? value.asText() : value.toString();
    }

    private String jsonBody(JsonNode schema) {
        if (chance(0.06)) {
            return pick(HOSTILE_BODIES);
        }
        JsonNode body = value(schema, 0, "");
        if (body instanceof ObjectNode object && object.size() > 0 && chance(0.35)) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            String field = pick(fields);
            if (chance(0.4)) {
                object.remove(field);
            } else {
                object.set(field, hostileValue());
            }
        }
        return body.toString();
    }

    private String csvBody() {
        if (chance(0.3)) {
            return pick(HOSTILE_STRINGS);
        }
        StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
        Instant t = Instant.parse("2024-01-01T00:00:00Z");
        int rows = 1 + random.nextInt(20);
        for (int i = 0; i < rows; i++) {
            double close = 100 + random.nextGaussian() * 5;
            csv.append(t.plusSeconds(3600L * i)).append(',').append(close).append(',').append(close + 1).append(',')
                    .append(close - 1).append(',').append(close).append(',').append(random.nextInt(100)).append('\n');
        }
        return chance(0.2) ? csv.append("garbage,row\n").toString() : csv.toString();
    }

    JsonNode hostileValue() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.textNode(pick(HOSTILE_STRINGS));
            case 1 -> json.valueToTree(pick(HOSTILE_NUMBERS));
            case 2 -> NODES.nullNode();
            case 3 -> NODES.arrayNode().add(NODES.objectNode());
            default -> NODES.booleanNode(random.nextBoolean());
        };
    }

    /** A value the schema allows, mostly; {@code name} steers a few fields to values the service can use. */
    JsonNode value(JsonNode schema, int depth, String name) {
        schema = resolve(schema);
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(random.nextInt(schema.path("enum").size()));
        }
        if (schema.has("allOf") || schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode options = schema.has("allOf") ? schema.path("allOf")
                    : schema.has("oneOf") ? schema.path("oneOf") : schema.path("anyOf");
            return value(options.get(random.nextInt(options.size())), depth, name);
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, depth, name);
            case "integer" -> NODES.numberNode(chance(0.9) ? random.nextInt(60) + 1 : random.nextInt());
            case "number" -> NODES.numberNode(chance(0.9) ? Math.round(random.nextDouble() * 10_000) / 100.0
                    : random.nextGaussian() * 1e6);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            default -> NODES.textNode(string(schema, name));
        };
    }

    private JsonNode object(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        if (depth > 4) {
            return object;
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (required.contains(property.getKey()) || chance(0.5)) {
                object.set(property.getKey(), value(property.getValue(), depth + 1, property.getKey()));
            }
        }
        if (schema.path("additionalProperties").isObject() && chance(0.5)) {
            object.put(pick(List.of("apiKey", "secret", "fast_period", "period", "x")), pick(List.of("1", "abc", "")));
        }
        return object;
    }

    private JsonNode array(JsonNode schema, int depth, String name) {
        ArrayNode array = NODES.arrayNode();
        int n = random.nextInt(4);
        for (int i = 0; i < n && depth < 5; i++) {
            array.add(value(schema.path("items"), depth + 1, name));
        }
        return array;
    }

    private String string(JsonNode schema, String name) {
        String format = schema.path("format").asText("");
        if (format.equals("date-time") || name.endsWith("_date") || name.equals("since")) {
            // Within two months: long enough to trade, short enough that backtests do not crowd the machine.
            long start = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
            return Instant.ofEpochSecond(start + (long) (random.nextDouble() * 86_400 * 60)).toString();
        }
        return switch (name) {
            case "symbols", "symbol" -> pick(List.of("BTC/USDT", "ETH/USDT", "BTC/USDT", "DOGE/EUR"));
            case "strategy_name" -> pick(List.of("MovingAverageCross", "TestStrategy", "RsiMeanReversion", "BuyAndHold",
                    "NoSuchStrategy"));
            case "timeframe" -> pick(List.of("1m", "5m", "1h", "4h", "1d", "7x"));
            case "exchange" -> pick(List.of("simulated", "binance", "nowhere"));
            case "mode" -> pick(List.of("backtest", "backtest", "paper", "sandbox", "live"));
            case "side" -> pick(List.of("buy", "sell"));
            case "type" -> pick(List.of("market", "limit", "stop"));
            case "role" -> pick(List.of("viewer", "analyst", "trader"));
            default -> schema.has("example") && !schema.path("example").isContainerNode()
                    ? schema.path("example").asText() : "fuzz-" + Long.toString(random.nextLong() & 0xffffff, 36);
        };
    }

    private JsonNode resolve(JsonNode schema) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.path("$ref").asText();
            schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
