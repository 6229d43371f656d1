package io.cracktrader.rest;

import static io.cracktrader.rest.Api.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cracktrader.rest.AuthorizationMatrixTest.Operation;
import io.cracktrader.ws.WsClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.WebSocket;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ownership matrix (security issue, README "What the service promises"), generated from the
 * OpenAPI document and from the WebSocket endpoints in the code. Alice owns one of every kind of
 * object; Bob has the same role. For every operation that names an object Bob gets what the rules
 * below say (404 for anything he may not read); every other operation, lists included, never shows
 * him Alice's objects and changes none of them; no stream delivers him anything of hers. An operation
 * or stream the rules do not know fails the test, so a new endpoint cannot skip the matrix.
 */
@QuarkusTest
class OwnershipMatrixTest {
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String ALICE = "owner-alice-" + SUFFIX;
    private static final String BOB = "owner-bob-" + SUFFIX;
    private static final String CSV = "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n"
            + "2024-01-01T01:00:00Z,1.5,2,1,1.8,12\n2024-01-01T02:00:00Z,1.8,2.2,1.6,2,9\n";

    /** One of every kind of object, all Alice's. */
    record Objects(String userId, String paperRun, String backtestRun, String strategy, String strategyBacktest,
            String dataset, String apiKey, String order, String ruleType) {
        /** What must never reach Bob: the ids of what only Alice may read. */
        List<String> secret() {
            return List.of(paperRun, backtestRun, strategy, strategyBacktest, dataset, apiKey, order);
        }
    }

    /** How Bob's call on an operation naming one of Alice's objects must end. */
    record Rule(String method, String pathPrefix, Set<Integer> statuses, String why) {
        Rule(String method, String pathPrefix, int status, String why) {
            this(method, pathPrefix, Set.of(status), why);
        }

        boolean matches(Operation op) {
            return (method.equals("*") || method.equals(op.method())) && op.path().startsWith(pathPrefix);
        }
    }

    private static boolean namesObject(Operation op) {
        return op.path().contains("{");
    }

    static final List<Rule> RULES = List.of(
            new Rule("*", "/api/v1/runs/{id}", 404, "a run is read through its owner or a share of its strategy"),
            new Rule("*", "/api/strategies/{strategy_id}", 404, "a strategy is reached only through a share"),
            new Rule("*", "/api/v1/datasets/{name}", 404, "a dataset belongs to who imported it"),
            new Rule("*", "/api/auth/keys/{id}", 404, "an API key is its owner's"),
            new Rule("*", "/api/trading/order/{order_id}", 404, "an order is its owner's"),
            new Rule("PUT", "/api/account/credentials/{exchange}", 200, "stores Bob's own credentials, never Alice's"),
            new Rule("DELETE", "/api/account/credentials/{exchange}", Set.of(200, 404),
                    "forgets Bob's own credentials only (404 when he has none)"),
            new Rule("*", "/api/users/{id}", 403, "accounts are managed by the administrator alone"),
            new Rule("GET", "/api/v1/strategies/{name}", 200, "rule strategy types are a shared catalog"),
            new Rule("DELETE", "/api/v1/strategies/{name}", 403, "only its author or the administrator deletes a type"),
            new Rule("GET", "/api/market/", 200, "public market data, carrying no user or run"));

    /** The WebSocket endpoints and what Bob tries on each. */
    static final Set<String> STREAMS = Set.of("/ws", "/ws/status", "/ws/system/notifications",
            "/ws/strategies/{strategy_id}/signals", "/ws/strategies/{strategy_id}/performance", "/ws/strategies/alerts");

    @BeforeAll
    static void configure() {
        Api.configure();
    }

    static String alice() {
        return Api.user(ALICE, "trader");
    }

    static String bob() {
        return Api.user(BOB, "trader");
    }

    @Test
    void bobReachesNoneOfAlicesObjectsThroughAnyOperationOrStream() {
        // The document's operations, as the authorization matrix reads them.
        List<Operation> operations = AuthorizationMatrixTest.operations();
        Objects objects = createAlicesObjects();
        int streams = 0;
        List<WsClient> clients = new ArrayList<>();
        try {
            int objectOperations = 0;
            int covered = 0;
            for (Operation op : operations) {
                if (namesObject(op)) {
                    checkNamed(op, objects);
                    objectOperations++;
                    covered++;
                }
            }
            for (Operation op : operations) {
                if (!namesObject(op) && checkUnnamed(op, objects)) {
                    covered++;
                }
            }
            assertAlicesObjectsUnchanged(objects);
            streams = checkStreams(objects, clients);
            covered++; // Bob's logout, the streams check's last step
            System.out.printf("Ownership matrix: %d of %d operations in the OpenAPI document (%d naming an object), "
                    + "%d of %d WebSocket endpoints%n", covered, operations.size(), objectOperations, streams,
                    webSocketPaths().size());
            assertEquals(operations.size(), covered);
            assertEquals(webSocketPaths().size(), streams);
        } finally {
            clients.forEach(WsClient::close);
            as(alice()).post("/api/v1/runs/" + objects.paperRun() + "/stop");
            as(alice()).post("/api/strategies/" + objects.strategy() + "/stop");
        }
    }

    /** Bob calls an operation with Alice's ids in the path, with a body that would be valid for his own. */
    private static void checkNamed(Operation op, Objects o) {
        Rule rule = RULES.stream().filter(r -> r.matches(op)).findFirst()
                .orElseThrow(() -> new AssertionError(op.key() + " names an object the ownership matrix has no rule for"));
        String path = op.path().replace("{id}", op.path().startsWith("/api/v1/runs") ? o.paperRun()
                        : op.path().startsWith("/api/auth/keys") ? o.apiKey() : o.userId())
                .replace("{strategy_id}", o.strategy()).replace("{run_id}", o.strategyBacktest())
                .replace("{order_id}", o.order()).replace("{exchange}", "binance").replace("{symbol}", "BTC/USDT")
                .replace("{name}", op.path().startsWith("/api/v1/datasets") ? o.dataset() : o.ruleType());
        RequestSpecification spec = as(bob());
        if (op.path().startsWith("/api/market/")) {
            spec = spec.queryParam("exchange", "simulated");
        }
        Object body = bodyFor(op, o);
        if (body != null) {
            spec = spec.contentType(ContentType.JSON).body(body);
        }
        Response r = spec.request(op.method(), path);
        String what = op.key() + " by Bob on Alice's object (" + rule.why() + "): " + r.asString();
        assertTrue(rule.statuses().contains(r.statusCode()), what);
        // A refusal may repeat the ids Bob sent; it must not add any other of Alice's.
        assertNoneOf(o.secret().stream().filter(id -> !path.contains(id)).toList(), r.asString(), what);
    }

    /** A body Bob could send for an object of his own, so that only ownership decides the answer. */
    private static Object bodyFor(Operation op, Objects o) {
        if (op.contentType() == null) {
            return null;
        }
        return switch (op.key()) {
            case "PUT /api/strategies/{strategy_id}" -> StrategiesApiTest.momentum("Bob's edit");
            case "POST /api/strategies/{strategy_id}/share" -> Map.of("user_id", BOB, "permissions", List.of("read"));
            case "POST /api/strategies/{strategy_id}/backtest" -> Map.of("start_date", "2024-01-01T00:00:00Z",
                    "end_date", "2024-01-10T00:00:00Z");
            case "PUT /api/account/credentials/{exchange}" -> Map.of("apiKey", "bobs-key", "secret", "bobs-secret");
            case "PUT /api/users/{id}" -> Map.of("role", "admin");
            default -> Map.of();
        };
    }

    /** Every other operation: what Bob sees holds nothing of Alice's, and what he does changes nothing of hers. */
    private static boolean checkUnnamed(Operation op, Objects o) {
        if (op.key().equals("POST /api/auth/logout")) {
            return false; // ends Bob's own session only; called last, by the streams check
        }
        RequestSpecification spec = as(bob());
        if (op.contentType() != null) {
            spec = spec.contentType(op.contentType()).body(op.contentType().contains("json") ? "{}" : "");
        }
        Response r = spec.request(op.method(), op.path());
        String what = op.key() + " by Bob: " + r.asString();
        assertTrue(r.statusCode() < 500, what);
        // The catalog of rule strategy types is shared (README): its name is not among the secrets.
        assertNoneOf(o.secret(), r.asString(), what);
        return true;
    }

    private static void assertAlicesObjectsUnchanged(Objects o) {
        RequestSpecification alice = as(alice());
        alice.get("/api/v1/runs/" + o.paperRun()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.oneOf("starting", "running"));
        as(alice()).get("/api/v1/runs/" + o.backtestRun() + "/results").then().statusCode(200);
        as(alice()).get("/api/strategies/" + o.strategy()).then().statusCode(200)
                .body("strategy.name", org.hamcrest.Matchers.is("Alice's strategy"));
        as(alice()).get("/api/strategies/" + o.strategy() + "/backtests/" + o.strategyBacktest()).then().statusCode(200);
        as(alice()).get("/api/v1/datasets/" + o.dataset()).then().statusCode(200);
        as(alice()).get("/api/auth/keys").then().statusCode(200).body("keys.id", org.hamcrest.Matchers.hasItem(o.apiKey()));
        as(alice()).get("/api/trading/orders").then().statusCode(200)
                .body("orders.find { it.order_id == '" + o.order() + "' }.status", org.hamcrest.Matchers.is("open"));
        as(alice()).get("/api/account/credentials").then().statusCode(200)
                .body("credentials.exchange", org.hamcrest.Matchers.hasItem("binance"));
        as(alice()).get("/api/v1/strategies/" + o.ruleType()).then().statusCode(200);
        given().get("/api/users").then().statusCode(200).body("users.find { it.id == '" + o.userId() + "' }.role",
                org.hamcrest.Matchers.is("trader"));
    }

    /** Bob on every stream while Alice's run trades, her strategy starts and her order is placed. */
    private static int checkStreams(Objects o, List<WsClient> clients) {
        Map<String, Function<Objects, List<WsClient>>> bobTries = new LinkedHashMap<>();
        List<WsClient> mustBeRefused = new ArrayList<>();
        bobTries.put("/ws", x -> {
            WsClient ws = WsClient.connectAs("/ws", bob());
            ws.send("{\"action\": \"subscribe\", \"channel\": \"trades\", \"symbol\": \"BTC/USDT\"}");
            ws.send("{\"action\": \"subscribe\", \"channel\": \"orders\", \"user_id\": \"" + x.userId() + "\"}");
            ws.send("{\"action\": \"subscribe\", \"channel\": \"orders\", \"user_id\": \"" + ALICE + "\"}");
            return List.of(ws);
        });
        bobTries.put("/ws/status", x -> List.of(WsClient.connectAs("/ws/status", bob()),
                WsClient.connectAs("/ws/status?run_id=" + x.paperRun(), bob())));
        bobTries.put("/ws/system/notifications", x -> List.of(WsClient.connectAs("/ws/system/notifications", bob())));
        bobTries.put("/ws/strategies/{strategy_id}/signals",
                x -> refused(mustBeRefused, "/ws/strategies/" + x.strategy() + "/signals"));
        bobTries.put("/ws/strategies/{strategy_id}/performance",
                x -> refused(mustBeRefused, "/ws/strategies/" + x.strategy() + "/performance?frequency=1"));
        bobTries.put("/ws/strategies/alerts", x -> List.of(WsClient.connectAs("/ws/strategies/alerts", bob()),
                refused(mustBeRefused, "/ws/strategies/alerts?strategy_ids=" + x.strategy()).get(0)));
        Set<String> unknown = new TreeSet<>(webSocketPaths());
        unknown.removeAll(bobTries.keySet());
        assertTrue(unknown.isEmpty(), "WebSocket endpoints the ownership matrix does not try: " + unknown);
        assertEquals(STREAMS, bobTries.keySet());

        List<WsClient> bobs = new ArrayList<>();
        bobTries.values().forEach(connect -> bobs.addAll(connect.apply(o)));
        clients.addAll(bobs);
        // Alice watches the same things, so that what Bob would have been sent is known to have happened.
        WsClient aliceRun = WsClient.connectAs("/ws/status?run_id=" + o.paperRun(), alice());
        WsClient aliceAlerts = WsClient.connectAs("/ws/strategies/alerts?strategy_ids=" + o.strategy(), alice());
        WsClient aliceOrders = WsClient.connectAs("/ws", alice());
        aliceOrders.send("{\"action\": \"subscribe\", \"channel\": \"orders\"}");
        clients.addAll(List.of(aliceRun, aliceAlerts, aliceOrders));
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceOrders.has(m -> "subscribed".equals(m.path("type").asText())));
        as(alice()).post("/api/strategies/" + o.strategy() + "/start").then().statusCode(200);
        String secondOrder = placeOrder(alice());
        await().atMost(Duration.ofSeconds(30)).until(() -> aliceRun.has(WsClient.type("trade_execution"))
                && aliceAlerts.has(m -> "started".equals(m.path("event_type").asText()))
                && aliceOrders.has(m -> m.toString().contains(secondOrder)));
        List<String> secret = new ArrayList<>(o.secret());
        secret.add(secondOrder);
        for (WsClient bobs1 : bobs) {
            for (WsClient.Received m : bobs1.snapshot()) {
                String text = m.json().toString();
                if (text.contains("\"type\":\"error\"")) {
                    continue; // refusals may repeat the id Bob himself sent
                }
                assertNoneOf(secret, text, "a stream delivered to Bob: " + text);
                assertFalse(m.json().path("data").has("run_id") && text.contains("trades"), text);
            }
        }
        // Bob's look at a strategy he may not read is closed as refused.
        assertEquals(3, mustBeRefused.size());
        for (WsClient c : mustBeRefused) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.closeCode != null);
            assertEquals(1008, c.closeCode);
        }
        as(bob()).post("/api/auth/logout").then().statusCode(200);
        return bobTries.size();
    }

    /** Bob's look at one of Alice's strategies, which must be closed as refused. */
    private static List<WsClient> refused(List<WsClient> mustBeRefused, String pathAndQuery) {
        WsClient client = WsClient.connectAs(pathAndQuery, bob());
        mustBeRefused.add(client);
        return List.of(client);
    }

    private static Objects createAlicesObjects() {
        alice();
        String userId = given().get("/api/users").then().statusCode(200).extract().jsonPath()
                .getString("users.find { it.username == '" + ALICE + "' }.id");
        String paperRun = as(alice()).contentType(ContentType.JSON).body(Map.of("strategy_name", "TestStrategy",
                        "symbols", List.of("BTC/USDT"), "timeframe", "1m", "mode", "paper",
                        "strategy_params", Map.of("threshold", 0.0001, "period", 2)))
                .post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
        String backtestRun = as(alice()).contentType(ContentType.JSON).body(Api.maCrossExample())
                .post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
        Map<String, Object> strategyBody = new LinkedHashMap<>(StrategiesApiTest.momentum("Alice's strategy"));
        String strategy = as(alice()).contentType(ContentType.JSON).body(strategyBody).post("/api/strategies").then()
                .statusCode(201).extract().path("id");
        String strategyBacktest = as(alice()).contentType(ContentType.JSON).body(Map.of("start_date",
                        "2024-01-01T00:00:00Z", "end_date", "2024-01-10T00:00:00Z"))
                .post("/api/strategies/" + strategy + "/backtest").then().statusCode(202).extract().path("run_id");
        String dataset = "alices-matrix-" + SUFFIX;
        as(alice()).contentType("text/csv").body(CSV).queryParam("name", dataset).post("/api/v1/datasets").then()
                .statusCode(201);
        String apiKey = as(alice()).contentType(ContentType.JSON).body(Map.of("name", "alices-notebook",
                "permissions", List.of("read"))).post("/api/auth/keys").then().statusCode(201).extract().path("id");
        String order = placeOrder(alice());
        as(alice()).contentType(ContentType.JSON).body(Map.of("apiKey", "alices-key", "secret", "alices-secret"))
                .put("/api/account/credentials/binance").then().statusCode(200);
        String ruleType = "Rule_alice_" + SUFFIX;
        as(alice()).contentType(ContentType.JSON).body(RuleStrategiesApiTest.smaCrossRule(ruleType))
                .post("/api/v1/strategies").then().statusCode(201);
        Api.awaitRunEnd(backtestRun);
        return new Objects(userId, paperRun, backtestRun, strategy, strategyBacktest, dataset, apiKey, order, ruleType);
    }

    /** A limit buy far below the market on the simulated venue: it stays open. */
    private static String placeOrder(String token) {
        return as(token).contentType(ContentType.JSON).body(Map.of("symbol", "BTC/USDT", "side", "buy", "type", "limit",
                "amount", 0.001, "price", 1000)).post("/api/trading/order").then().statusCode(201).extract().path("order_id");
    }

    private static void assertNoneOf(List<String> secret, String text, String what) {
        for (String id : secret) {
            if (text.contains(id)) {
                fail(what + " — it holds Alice's " + id);
            }
        }
    }

    private static Set<String> webSocketPaths;

    /** Every {@code @WebSocket} endpoint of the service, read from its classes. */
    static synchronized Set<String> webSocketPaths() {
        if (webSocketPaths != null) {
            return webSocketPaths;
        }
        Set<String> paths = new TreeSet<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cracktrader")) {
            c.tryGetAnnotationOfType(WebSocket.class).ifPresent(ws -> paths.add(ws.path()));
        }
        webSocketPaths = paths;
        return paths;
    }
}
