package io.cracktrader.exchange.fake;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A local stand-in for Binance's spot REST API, speaking its wire format for the calls the service
 * makes through XChange: ping, time, exchangeInfo, klines, 24-hour ticker, account, and order
 * placement, query, cancellation and listing. Signed endpoints need the configured API key. Every
 * request is logged, and faults can be injected: an HTTP status, or an answer delayed past the
 * client's timeout after the request took effect (the ambiguous case a trading client must handle).
 */
public final class FakeBinance implements AutoCloseable {
    public static final String API_KEY = "TEST-APIKEY-7c1f0a9e2b4d";
    public static final String SECRET = "TEST-SECRET-5e8d3b6a91f04c27";
    /** Every candle closes at this price plus a slow wave, so results are easy to check. */
    private static final double BASE_PRICE = 50_000;

    /** One request as the fake saw it. */
    public record Request(String method, String path, Map<String, String> params, String apiKey) {
    }

    /** A fault for the next {@code times} requests whose path ends with {@code path}. */
    private static final class Fault {
        final String method;
        final String path;
        int times;
        final int status;
        final long delayMillis;

        Fault(String method, String path, int times, int status, long delayMillis) {
            this.method = method;
            this.path = path;
            this.times = times;
            this.status = status;
            this.delayMillis = delayMillis;
        }
    }

    private final HttpServer server;
    private final List<Request> log = new CopyOnWriteArrayList<>();
    /** API keys ever sent, kept across {@link #reset}. */
    private final java.util.Set<String> keysSeen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final Map<Long, Map<String, Object>> orders = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, double[]> balances = Collections.synchronizedMap(new LinkedHashMap<>());
    private long nextOrderId = 1000;
    private volatile boolean down;

    public FakeBinance() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-binance");
            t.setDaemon(true);
            return t;
        }));
        reset();
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized void reset() {
        log.clear();
        faults.clear();
        orders.clear();
        balances.clear();
        balances.put("USDT", new double[] {100_000, 0});
        balances.put("BTC", new double[] {1, 0});
        down = false;
    }

    /** Answers every request with 503 while down. */
    public void down(boolean isDown) {
        this.down = isDown;
    }

    /** The next {@code times} {@code method} requests to {@code path} get HTTP {@code status}. */
    public void failWith(String method, String path, int times, int status) {
        faults.add(new Fault(method, path, times, status, 0));
    }

    /** The next {@code times} {@code method} requests to {@code path} take effect, then answer after {@code delayMillis}. */
    public void delay(String method, String path, int times, long delayMillis) {
        faults.add(new Fault(method, path, times, 0, delayMillis));
    }

    public List<Request> requests() {
        return List.copyOf(log);
    }

    public List<Request> requests(String method, String path) {
        return log.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    /** Orders the fake holds whose client id is {@code clientOrderId}. */
    public long ordersWithClientId(String clientOrderId) {
        synchronized (orders) {
            return orders.values().stream().filter(o -> clientOrderId.equals(o.get("clientOrderId"))).count();
        }
    }

    public boolean sawKey(String key) {
        return keysSeen.contains(key);
    }

    public int orderCount() {
        return orders.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- HTTP ----

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            String method = http.getRequestMethod();
            String path = http.getRequestURI().getPath();
            Map<String, String> params = new LinkedHashMap<>(parse(http.getRequestURI().getRawQuery()));
            params.putAll(parse(new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            String key = http.getRequestHeaders().getFirst("X-MBX-APIKEY");
            log.add(new Request(method, path, Map.copyOf(params), key));
            if (key != null) {
                keysSeen.add(key);
            }
            if (down) {
                send(http, 503, "{\"code\":-1001,\"msg\":\"Service unavailable.\"}");
                return;
            }
            Fault fault = takeFault(method, path);
            if (fault != null && fault.status > 0) {
                send(http, fault.status, "{\"code\":-1000,\"msg\":\"Injected failure " + fault.status + "\"}");
                return;
            }
            Object[] answer = route(method, path, params, key);
            if (fault != null && fault.delayMillis > 0) {
                try {
                    Thread.sleep(fault.delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            send(http, (Integer) answer[0], (String) answer[1]);
        } catch (RuntimeException e) {
            send(http, 500, "{\"code\":-1000,\"msg\":\"fake failed: " + e + "\"}");
        }
    }

    private synchronized Fault takeFault(String method, String path) {
        for (Fault f : faults) {
            if (f.method.equals(method) && path.endsWith(f.path) && f.times > 0) {
                if (--f.times == 0) {
                    faults.remove(f);
                }
                return f;
            }
        }
        return null;
    }

    private Object[] route(String method, String path, Map<String, String> p, String key) {
        switch (method + " " + path) {
            case "GET /api/v3/ping":
                return ok("{}");
            case "GET /api/v3/time":
                return ok("{\"serverTime\":" + System.currentTimeMillis() + "}");
            case "GET /api/v3/exchangeInfo":
                return ok(exchangeInfo());
            case "GET /api/v3/klines":
                return ok(klines(p));
            case "GET /api/v3/ticker/24hr":
                return ok(ticker(p.get("symbol")));
            default:
                break;
        }
        if (!API_KEY.equals(key) || p.get("signature") == null || p.get("signature").length() != 64) {
            return new Object[] {401, "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}"};
        }
        return switch (method + " " + path) {
            case "GET /api/v3/account" -> ok(account());
            case "POST /api/v3/order" -> newOrder(p);
            case "GET /api/v3/order" -> findOrder(p).map(o -> ok(json(o)))
                    .orElse(new Object[] {400, "{\"code\":-2013,\"msg\":\"Order does not exist.\"}"});
            case "DELETE /api/v3/order" -> cancel(p);
            case "GET /api/v3/openOrders" -> ok(list(o -> "NEW".equals(o.get("status")), p.get("symbol")));
            case "GET /api/v3/allOrders" -> ok(list(o -> true, p.get("symbol")));
            default -> new Object[] {404, "{\"code\":-1000,\"msg\":\"not served by the fake: " + path + "\"}"};
        };
    }

    private synchronized Object[] newOrder(Map<String, String> p) {
        String clientId = p.get("newClientOrderId");
        if (clientId != null) {
            boolean duplicate = orders.values().stream().anyMatch(o -> clientId.equals(o.get("clientOrderId")));
            if (duplicate) {
                return new Object[] {400, "{\"code\":-2010,\"msg\":\"Duplicate order sent.\"}"};
            }
        }
        String type = p.get("type");
        String side = p.get("side");
        BigDecimal qty = new BigDecimal(p.get("quantity"));
        BigDecimal price = "MARKET".equals(type) ? BigDecimal.valueOf(BASE_PRICE) : new BigDecimal(p.getOrDefault("price",
                p.getOrDefault("stopPrice", "0")));
        double notional = qty.doubleValue() * price.doubleValue();
        double[] quote = balances.get("USDT");
        double[] base = balances.get("BTC");
        if ("BUY".equals(side) ? quote[0] < notional : base[0] < qty.doubleValue()) {
            return new Object[] {400, "{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}"};
        }
        long id = nextOrderId++;
        long now = System.currentTimeMillis();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("symbol", p.get("symbol"));
        o.put("orderId", id);
        o.put("orderListId", -1);
        o.put("clientOrderId", clientId != null ? clientId : "fake" + id);
        o.put("price", "MARKET".equals(type) ? "0.00000000" : price.toPlainString());
        o.put("origQty", qty.toPlainString());
        boolean filled = "MARKET".equals(type);
        o.put("executedQty", filled ? qty.toPlainString() : "0.00000000");
        o.put("cummulativeQuoteQty", filled ? BigDecimal.valueOf(notional).toPlainString() : "0.00000000");
        o.put("status", filled ? "FILLED" : "NEW");
        o.put("timeInForce", "GTC");
        o.put("type", type);
        o.put("side", side);
        o.put("stopPrice", p.getOrDefault("stopPrice", "0.00000000"));
        o.put("icebergQty", "0.00000000");
        o.put("time", now);
        o.put("updateTime", now);
        o.put("isWorking", true);
        o.put("origQuoteOrderQty", "0.00000000");
        orders.put(id, o);
        if (filled) {
            int sign = "BUY".equals(side) ? 1 : -1;
            quote[0] -= sign * notional;
            base[0] += sign * qty.doubleValue();
        } else if ("BUY".equals(side)) {
            quote[0] -= notional;
            quote[1] += notional;
        } else {
            base[0] -= qty.doubleValue();
            base[1] += qty.doubleValue();
        }
        Map<String, Object> answer = new LinkedHashMap<>(o);
        answer.put("transactTime", now);
        answer.put("fills", List.of());
        return ok(json(answer));
    }

    private synchronized Object[] cancel(Map<String, String> p) {
        Map<String, Object> o = findOrder(p).orElse(null);
        if (o == null || !"NEW".equals(o.get("status"))) {
            return new Object[] {400, "{\"code\":-2011,\"msg\":\"Unknown order sent.\"}"};
        }
        o.put("status", "CANCELED");
        double qty = Double.parseDouble((String) o.get("origQty"));
        double price = Double.parseDouble((String) o.get("price"));
        if ("BUY".equals(o.get("side"))) {
            balances.get("USDT")[0] += qty * price;
            balances.get("USDT")[1] -= qty * price;
        } else {
            balances.get("BTC")[0] += qty;
            balances.get("BTC")[1] -= qty;
        }
        Map<String, Object> answer = new LinkedHashMap<>(o);
        answer.put("origClientOrderId", o.get("clientOrderId"));
        return ok(json(answer));
    }

    private java.util.Optional<Map<String, Object>> findOrder(Map<String, String> p) {
        synchronized (orders) {
            if (p.get("orderId") != null) {
                return java.util.Optional.ofNullable(orders.get(Long.parseLong(p.get("orderId"))));
            }
            String clientId = p.get("origClientOrderId");
            return orders.values().stream().filter(o -> o.get("clientOrderId").equals(clientId)).findFirst();
        }
    }

    private String list(java.util.function.Predicate<Map<String, Object>> which, String symbol) {
        synchronized (orders) {
            return orders.values().stream().filter(which)
                    .filter(o -> symbol == null || symbol.equals(o.get("symbol"))).map(FakeBinance::json)
                    .collect(Collectors.joining(",", "[", "]"));
        }
    }

    private String account() {
        String assets;
        synchronized (balances) {
            assets = balances.entrySet().stream().map(e -> "{\"asset\":\"" + e.getKey() + "\",\"free\":\""
                    + BigDecimal.valueOf(e.getValue()[0]).toPlainString() + "\",\"locked\":\""
                    + BigDecimal.valueOf(e.getValue()[1]).toPlainString() + "\"}").collect(Collectors.joining(","));
        }
        return "{\"makerCommission\":10,\"takerCommission\":10,\"buyerCommission\":0,\"sellerCommission\":0,"
                + "\"canTrade\":true,\"canWithdraw\":true,\"canDeposit\":true,\"updateTime\":" + System.currentTimeMillis()
                + ",\"accountType\":\"SPOT\",\"balances\":[" + assets + "],\"permissions\":[\"SPOT\"]}";
    }

    private static String exchangeInfo() {
        return "{\"timezone\":\"UTC\",\"serverTime\":" + System.currentTimeMillis() + ",\"rateLimits\":[{\"rateLimitType\":"
                + "\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,\"limit\":6000}],\"exchangeFilters\":[],"
                + "\"symbols\":[" + symbol("BTCUSDT", "BTC", "USDT") + "," + symbol("ETHUSDT", "ETH", "USDT") + "]}";
    }

    private static String symbol(String name, String base, String quote) {
        return "{\"symbol\":\"" + name + "\",\"status\":\"TRADING\",\"baseAsset\":\"" + base + "\",\"baseAssetPrecision\":8,"
                + "\"quoteAsset\":\"" + quote + "\",\"quotePrecision\":8,\"quoteAssetPrecision\":8,\"orderTypes\":[\"LIMIT\","
                + "\"LIMIT_MAKER\",\"MARKET\",\"STOP_LOSS\",\"STOP_LOSS_LIMIT\",\"TAKE_PROFIT\",\"TAKE_PROFIT_LIMIT\"],"
                + "\"icebergAllowed\":true,\"ocoAllowed\":true,\"isSpotTradingAllowed\":true,\"isMarginTradingAllowed\":false,"
                + "\"filters\":[{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.01000000\",\"maxPrice\":\"1000000.00000000\","
                + "\"tickSize\":\"0.01000000\"},{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.00001000\",\"maxQty\":"
                + "\"9000.00000000\",\"stepSize\":\"0.00001000\"},{\"filterType\":\"MIN_NOTIONAL\",\"minNotional\":"
                + "\"5.00000000\",\"applyToMarket\":true,\"avgPriceMins\":5}],\"permissions\":[\"SPOT\"]}";
    }

    /** Candles on the interval grid inside [startTime, endTime], closed ones only, at most {@code limit}. */
    private static String klines(Map<String, String> p) {
        long step = intervalMillis(p.get("interval"));
        int limit = Integer.parseInt(p.getOrDefault("limit", "500"));
        long now = System.currentTimeMillis();
        long end = p.containsKey("endTime") ? Long.parseLong(p.get("endTime")) : now;
        long start = p.containsKey("startTime") ? Long.parseLong(p.get("startTime")) : end - limit * step;
        List<String> rows = new ArrayList<>();
        for (long t = Math.floorDiv(start + step - 1, step) * step; t <= end && rows.size() < limit; t += step) {
            if (t + step > now) {
                break;
            }
            double close = price(t + step);
            double open = price(t);
            rows.add("[" + t + ",\"" + open + "\",\"" + (Math.max(open, close) + 10) + "\",\"" + (Math.min(open, close) - 10)
                    + "\",\"" + close + "\",\"12.5\"," + (t + step - 1) + ",\"625000.0\",100,\"6.0\",\"300000.0\",\"0\"]");
        }
        return String.join(",", rows).transform(s -> "[" + s + "]");
    }

    /** A slow wave around {@link #BASE_PRICE}, on a cent grid. */
    static double price(long time) {
        return Math.round((BASE_PRICE + 2_000 * Math.sin(time / 3_600_000.0 / 7)) * 100) / 100.0;
    }

    private static String ticker(String symbol) {
        long now = System.currentTimeMillis();
        double last = price(now);
        return "{\"symbol\":\"" + symbol + "\",\"priceChange\":\"100.0\",\"priceChangePercent\":\"0.2\","
                + "\"weightedAvgPrice\":\"" + last + "\",\"prevClosePrice\":\"" + (last - 100) + "\",\"lastPrice\":\"" + last
                + "\",\"lastQty\":\"0.01\",\"bidPrice\":\"" + (last - 0.01) + "\",\"bidQty\":\"1.0\",\"askPrice\":\""
                + (last + 0.01) + "\",\"askQty\":\"1.0\",\"openPrice\":\"" + (last - 100) + "\",\"highPrice\":\""
                + (last + 500) + "\",\"lowPrice\":\"" + (last - 500) + "\",\"volume\":\"1234.5\",\"quoteVolume\":\"6.1E7\","
                + "\"openTime\":" + (now - 86_400_000L) + ",\"closeTime\":" + now + ",\"firstId\":1,\"lastId\":100,\"count\":100}";
    }

    private static long intervalMillis(String interval) {
        long n = Long.parseLong(interval.substring(0, interval.length() - 1));
        return n * switch (interval.charAt(interval.length() - 1)) {
            case 'm' -> 60_000L;
            case 'h' -> 3_600_000L;
            case 'd' -> 86_400_000L;
            case 'w' -> 7 * 86_400_000L;
            default -> throw new IllegalArgumentException(interval);
        };
    }

    private static String json(Map<String, Object> o) {
        return o.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + (e.getValue() instanceof String s ? "\"" + s + "\""
                : e.getValue() instanceof List<?> l && l.isEmpty() ? "[]" : String.valueOf(e.getValue())))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static Object[] ok(String body) {
        return new Object[] {200, body};
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange http, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the client gave up (timeout): the request already took effect
        }
    }
}
