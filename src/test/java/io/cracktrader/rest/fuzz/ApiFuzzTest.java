package io.cracktrader.rest.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.exchange.fake.FakeBinanceResource;
import io.cracktrader.rest.Api;
import io.cracktrader.rest.ErrorCode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 10,000 requests generated from the OpenAPI document (seeded: {@code -Dfuzz.seed=N} replays a run),
 * sent as an administrator, a trader, a viewer, with a made-up token and with none. Every answer must
 * be within the contract: no 5xx, never an empty body (204 aside), an error always in the one error
 * body with a code of docs/API-CONTRACT.md, and a status the operation documents (or one every path
 * can give: 405, 406, 413–415, 429). Binance is the wire-level fake, so nothing depends on the network.
 */
@QuarkusTest
@TestProfile(ApiFuzzTest.WithFakeBinance.class)
class ApiFuzzTest {
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    static final long SEED = Long.getLong("fuzz.seed", 20261202L);
    /** The whole run's bound; a healthy service needs a fraction of it. */
    static final Duration BUDGET = Duration.ofMinutes(6);
    /** Statuses any path can answer, whatever its own documentation lists. */
    static final Set<Integer> ANY_PATH = Set.of(405, 406, 413, 414, 415, 429, 431);
    static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());

    public static class WithFakeBinance implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(FakeBinanceResource.class));
        }
    }

    record Operation(String method, String path, JsonNode spec, Set<Integer> documented) {
        String key() {
            return method + " " + path;
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Callers callers = new Callers();

    @BeforeAll
    static void configure() {
        Api.configure();
    }

    @Test
    void tenThousandGeneratedRequestsStayWithinTheContract() throws Exception {
        JsonNode document = json.readTree(send("GET", "/openapi?format=json", null, null, null).body());
        List<Operation> operations = operations(document);
        RequestGenerator generator = new RequestGenerator(SEED, document);
        List<String> knownIds = new ArrayList<>();
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int sent = 0;
        for (; sent < REQUESTS && System.nanoTime() < deadline && violations.size() < 20; sent++) {
            if (sent % 500 == 0) {
                callers.refresh();
            }
            Operation op = generator.pick(operations);
            RequestGenerator.Request request = generator.generate(op.method(), op.path(), op.spec(), knownIds);
            String token = callers.pick(generator);
            HttpResponse<String> response = send(request.method(), request.path(), request.contentType(),
                    request.body(), token);
            statuses.merge(op.key() + " " + response.statusCode(), 1, Integer::sum);
            String problem = check(op, request, response);
            if (problem != null) {
                violations.add("#" + sent + " " + request.method() + " " + abbreviate(request.path()) + " body "
                        + abbreviate(String.valueOf(request.body())) + " → " + problem);
            }
            remember(response, knownIds);
            if (response.statusCode() == 401 && token != null) {
                callers.replaceIfRevoked(token); // the run logged the caller out or changed its password
            }
        }
        callers.stopEverything();
        System.out.printf("API fuzz: %d requests (seed %d) over %d operations; answers by status: %s%n", sent, SEED,
                operations.size(), statuses.entrySet().stream().collect(Collectors.groupingBy(
                        e -> e.getKey().substring(e.getKey().lastIndexOf(' ') + 1),
                        TreeMap::new, Collectors.summingInt(Map.Entry::getValue))));
        assertTrue(violations.isEmpty(), "answers outside the contract (seed " + SEED + "):\n"
                + String.join("\n", violations));
        assertTrue(sent >= REQUESTS, "only " + sent + " requests within " + BUDGET);
    }

    /** Why an answer is outside the contract, or null. */
    private String check(Operation op, RequestGenerator.Request request, HttpResponse<String> response) {
        int status = response.statusCode();
        String body = response.body();
        if (status >= 500) {
            return status + " " + abbreviate(body);
        }
        if (body == null || body.isEmpty()) {
            return status == 204 ? null : status + " with an empty body";
        }
        boolean documentedMethod = op.method().equals(request.method());
        if (documentedMethod && !op.documented().contains(status) && !ANY_PATH.contains(status)
                && !(status < 300 && op.documented().stream().noneMatch(s -> s < 300))) {
            return status + ", which " + op.key() + " does not document (" + op.documented() + "): " + abbreviate(body);
        }
        if (status >= 400) {
            try {
                JsonNode error = json.readTree(body);
                String code = error.path("error").path("code").asText();
                if (!CODES.contains(code) || error.path("status_code").asInt() != status
                        || error.path("error").path("message").asText().isEmpty()) {
                    return status + " without the one error body: " + abbreviate(body);
                }
            } catch (Exception e) {
                return status + " with a body that is not JSON: " + abbreviate(body);
            }
        }
        return null;
    }

    /** Ids and names the service handed out, so that later requests name real objects too. */
    private void remember(HttpResponse<String> response, List<String> knownIds) {
        if (response.statusCode() >= 300 || !response.body().startsWith("{")) {
            return;
        }
        try {
            JsonNode node = json.readTree(response.body());
            for (String field : List.of("id", "run_id", "order_id", "strategy_id", "name")) {
                if (node.path(field).isTextual() && knownIds.size() < 300) {
                    knownIds.add(node.path(field).asText());
                }
            }
        } catch (Exception e) {
            // not JSON after all: nothing to learn
        }
    }

    static List<Operation> operations(JsonNode document) {
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> it = path.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> op = it.next();
                if (!Set.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                    continue;
                }
                Set<Integer> documented = new java.util.TreeSet<>();
                op.getValue().path("responses").fieldNames().forEachRemaining(code -> {
                    if (code.matches("\\d{3}")) {
                        documented.add(Integer.parseInt(code));
                    }
                });
                ops.add(new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue(), documented));
            }
        }
        return ops;
    }

    HttpResponse<String> send(String method, String pathAndQuery, String contentType, String body, String token)
            throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** The callers of the fuzz run: users of each role (recreated when a request locked or removed them). */
    final class Callers {
        private final Map<String, String> tokens = new LinkedHashMap<>();

        private int generation;

        /** Fresh users every so often: requests of the run may have locked, demoted or deleted the old ones. */
        void refresh() throws Exception {
            generation++;
            for (String role : List.of("admin", "trader", "viewer")) {
                tokens.put(role, login(role, generation));
            }
        }

        private String login(String role, int generation) throws Exception {
            String name = "fuzz-" + role + "-" + generation;
            String password = name + "-password";
            send("POST", "/api/users", "application/json", json.writeValueAsString(Map.of("username", name,
                    "password", password, "role", role)), Api.adminToken());
            HttpResponse<String> login = send("POST", "/api/auth/login", "application/json",
                    json.writeValueAsString(Map.of("username", name, "password", password)), null);
            return json.readTree(login.body()).path("access_token").asText();
        }

        void replaceIfRevoked(String token) throws Exception {
            for (Map.Entry<String, String> caller : tokens.entrySet()) {
                if (caller.getValue().equals(token)) {
                    generation++;
                    caller.setValue(login(caller.getKey(), generation));
                    return;
                }
            }
        }

        String pick(RequestGenerator generator) {
            double roll = generator.random().nextDouble();
            if (roll < 0.08) {
                return null;
            }
            if (roll < 0.12) {
                return "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged";
            }
            return generator.pick(new ArrayList<>(tokens.values()));
        }

        /** Stops whatever the run started, so that later test classes find a quiet service. */
        void stopEverything() throws Exception {
            String admin = Api.adminToken();
            JsonNode runs = json.readTree(send("GET", "/api/v1/runs?size=100&status=running", null, null, admin).body());
            for (JsonNode run : runs.path("runs")) {
                send("POST", "/api/v1/runs/" + run.path("run_id").asText() + "/stop", null, null, admin);
            }
            JsonNode strategies = json.readTree(send("GET", "/api/strategies?size=100&status=active", null, null, admin)
                    .body());
            for (JsonNode strategy : strategies.path("strategies")) {
                send("POST", "/api/strategies/" + strategy.path("id").asText() + "/stop", null, null, admin);
            }
        }
    }
}
