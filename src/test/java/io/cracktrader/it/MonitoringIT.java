package io.cracktrader.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cracktrader.store.TestDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The monitoring in k8s/monitoring against a real Prometheus (Debian's {@code prometheus}) scraping the
 * packaged service under a user's workload: every dashboard query parses and returns data, every
 * alert expression parses and its rule evaluates, the dashboard has the shape Grafana imports, the
 * PrometheusRule carries the same groups as the plain rules file, and {@code promtool check rules} and
 * {@code promtool test rules} pass. Skipped, with the reason, where Prometheus is not installed.
 */
class MonitoringIT {
    private static final Path MONITORING = Path.of("k8s/monitoring").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final Path work = Path.of("target/it-data/monitoring-" + UUID.randomUUID()).toAbsolutePath();
    private final TestDatabase database = new TestDatabase();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicBoolean working = new AtomicBoolean(true);
    private ServiceProcess service;
    private Process prometheus;
    private int prometheusPort;

    @AfterEach
    void stop() throws Exception {
        working.set(false);
        if (prometheus != null) {
            prometheus.destroyForcibly().waitFor();
        }
        if (service != null) {
            service.kill();
        }
        database.stop();
    }

    @Test
    void rulesAreValidAndTested() throws Exception {
        assumeTrue(onPath("promtool"), "promtool is not installed (Debian package prometheus)");
        assertEquals(0, run(MONITORING, "promtool", "check", "rules", "alert-rules.yml"), "promtool check rules");
        assertEquals(0, run(MONITORING, "promtool", "test", "rules", "alert-rules.test.yml"), "promtool test rules");
        JsonNode plain = YAML.readTree(MONITORING.resolve("alert-rules.yml").toFile()).get("groups");
        JsonNode operator = YAML.readTree(MONITORING.resolve("prometheusrule.yaml").toFile()).get("spec").get("groups");
        assertEquals(plain, operator, "prometheusrule.yaml carries the same groups as alert-rules.yml");
    }

    @Test
    void theDashboardHasTheShapeGrafanaImports() throws IOException {
        JsonNode dashboard = JSON.readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
        assertTrue(dashboard.get("schemaVersion").asInt() >= 36, "a current Grafana schema version");
        assertTrue(dashboard.hasNonNull("uid") && dashboard.hasNonNull("title"));
        Set<String> variables = new HashSet<>();
        dashboard.get("templating").get("list").forEach(v -> variables.add(v.get("name").asText()));
        assertEquals(Set.of("datasource", "namespace", "pod"), variables);
        Set<Integer> ids = new HashSet<>();
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            assertTrue(ids.add(panel.get("id").asInt()), "panel ids are unique");
            JsonNode grid = panel.get("gridPos");
            assertTrue(grid.get("w").asInt() > 0 && grid.get("x").asInt() + grid.get("w").asInt() <= 24, panel.toString());
            if ("row".equals(panel.get("type").asText())) {
                continue;
            }
            assertEquals("${datasource}", panel.get("datasource").get("uid").asText());
            for (JsonNode target : panel.get("targets")) {
                assertTrue(target.hasNonNull("refId") && target.hasNonNull("expr"), panel.get("title").asText());
                queries++;
            }
        }
        assertTrue(queries >= 30, queries + " queries");
    }

    @Test
    void everyDashboardQueryReturnsDataFromARealPrometheus() throws Exception {
        assumeTrue(onPath("prometheus"), "prometheus is not installed (Debian package prometheus)");
        Map<String, String> settings = new HashMap<>(database.start());
        settings.put("cracktrader.admin.password", "monitoring-admin-1");
        settings.put("cracktrader.exchanges.simulated.clock-speed", "3600");
        settings.put("cracktrader.exchanges.simulated.warmup-bars", "20");
        service = new ServiceProcess(work.resolve("data"), settings).start();
        String paper = service.api().body(Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"),
                        "timeframe", "1m", "mode", "paper", "strategy_params", Map.of("period", 5, "threshold", 0.0005)))
                .post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + service.port()
                + "/ws/status?run_id=" + paper + "&token=" + service.token()), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        ws.request(1);
                        return null;
                    }
                }).join();
        Thread workload = new Thread(this::workload, "monitoring-workload");
        workload.setDaemon(true);
        workload.start();
        startPrometheus();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !query("up{job=\"cracktrader\"} == 1").isEmpty());
        List<String> queries = dashboardQueries();
        Map<String, String> empty = new LinkedHashMap<>();
        // Rates need a few scrapes of a moving counter: ask again until every query has data, or time is up.
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> left = new ArrayList<>(queries);
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            left.removeIf(q -> hasNumbers(query(q)));
            Thread.sleep(1_000);
        }
        for (String q : left) {
            empty.put(q, "no data");
        }
        assertEquals(Map.of(), empty, "dashboard queries without data after the workload");

        // Every alert's expression parses, and Prometheus evaluates its rule without error.
        JsonNode rules = YAML.readTree(MONITORING.resolve("alert-rules.yml").toFile()).get("groups").get(0).get("rules");
        for (JsonNode rule : rules) {
            query(rule.get("expr").asText());
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode loaded = get("/api/v1/rules").get("data").get("groups").get(0).get("rules");
            assertEquals(rules.size(), loaded.size(), "every rule loaded");
            for (JsonNode r : loaded) {
                assertEquals("ok", r.get("health").asText(), r.get("name").asText() + ": " + r.path("lastError").asText());
            }
        });
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        System.out.printf("MonitoringIT: %d dashboard queries and %d alert rules checked against Prometheus%n",
                queries.size(), rules.size());
    }

    /** What a user does while Prometheus watches: backtests, orders, reads, a mistake or two. */
    private void workload() {
        int i = 0;
        while (working.get()) {
            try {
                service.api().body(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("BTC/USDT"),
                        "timeframe", "1h", "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-02-01T00:00:00Z"))
                        .post("/api/v1/runs");
                service.api().body(Map.of("symbol", "BTC/USDT", "side", i % 2 == 0 ? "buy" : "sell", "type", "market",
                        "amount", 0.0001)).post("/api/trading/order");
                service.api().get("/api/v1/runs");
                service.api().get("/api/v1/status");
                service.api().get("/api/v1/runs/no-such-run");
                i++;
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the service is being stopped
            }
        }
    }

    private void startPrometheus() throws IOException {
        Files.createDirectories(work);
        prometheusPort = freePort();
        Path rules = work.resolve("alert-rules.yml");
        Files.copy(MONITORING.resolve("alert-rules.yml"), rules);
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: cracktrader
                    metrics_path: /q/metrics
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(rules, service.port()));
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + work.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + prometheusPort).redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile()).start();
    }

    /** Every target of every panel, with Grafana's variables as a plain Prometheus takes them. */
    private static List<String> dashboardQueries() throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode panel : JSON.readTree(MONITORING.resolve("grafana-dashboard.json").toFile()).get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(target.get("expr").asText().replace("$namespace", ".*").replace("$pod", ".*")
                        .replace("$__rate_interval", "30s"));
            }
        }
        return out;
    }

    /** The result of an instant query; a query Prometheus cannot parse fails the test. */
    private JsonNode query(String promql) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        assertEquals("success", answer.get("status").asText(), promql + ": " + answer.path("error").asText());
        return answer.get("data").get("result");
    }

    /** A result a panel can draw: at least one series with a number (a quantile of nothing is NaN). */
    private static boolean hasNumbers(JsonNode result) {
        for (JsonNode series : result) {
            String value = series.get("value").get(1).asText();
            if (!"NaN".equals(value)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int run(Path dir, String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start().waitFor();
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
