package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What operators rely on: probes, metrics, API documents, headers. */
@QuarkusTest
class OperationsTest {

    @org.junit.jupiter.api.BeforeAll
    static void numbers() {
        Api.configure();
    }

    @Test
    void kubernetesProbes() {
        given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("run-store"));
        given().get("/q/health/started").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void prometheusMetricsIncludeTheServicesOwn() throws Exception {
        String id = Api.post("/api/v1/runs", Api.testStrategyExample()).then().statusCode(201).extract().path("run_id");
        Api.awaitRunEnd(id);
        // The classic text format, which promtool parses (Prometheus itself negotiates OpenMetrics).
        String metrics = given().header("Accept", "text/plain; version=0.0.4").get("/q/metrics").then().statusCode(200)
                .extract().asString();
        for (String name : List.of("cracktrader_runs_started_total", "cracktrader_runs_completed_total",
                "cracktrader_runs_active", "cracktrader_bars_processed_total", "cracktrader_trades_executed_total",
                "cracktrader_run_duration_seconds_bucket", "cracktrader_active_runs_equity",
                "jvm_memory_used_bytes", "http_server_requests_seconds_count")) {
            assertTrue(metrics.contains(name), "missing " + name);
        }
        assertTrue(metrics.contains("mode=\"backtest\"") && metrics.contains("strategy=\"TestStrategy\""));

        // promtool is installed by .ci/run; skip the lint where it is not.
        Path promtool = Path.of("/usr/bin/promtool");
        assumeTrue(Files.isExecutable(promtool), "promtool not installed");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "promtool: " + out);
    }

    @Test
    void openApiListsEveryRunnerOperation() {
        JsonPath doc = given().queryParam("format", "json").get("/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        Map<String, List<String>> expected = Map.ofEntries(
                Map.entry("/api/v1/health", List.of("get")), Map.entry("/api/v1/status", List.of("get")),
                Map.entry("/api/v1/strategies", List.of("get", "post")),
                Map.entry("/api/v1/status/detailed", List.of("get")),
                Map.entry("/api/v1/strategies/{name}", List.of("get", "delete")),
                Map.entry("/api/v1/exchanges", List.of("get")),
                Map.entry("/api/v1/results", List.of("get")), Map.entry("/api/v1/run/backtest", List.of("post")),
                Map.entry("/api/v1/run/live", List.of("post")), Map.entry("/api/v1/run/stop", List.of("post")),
                Map.entry("/api/v1/run/reset", List.of("delete")), Map.entry("/api/v1/runs", List.of("get", "post")),
                Map.entry("/api/v1/runs/{id}", List.of("get", "delete")),
                Map.entry("/api/v1/runs/{id}/results", List.of("get")), Map.entry("/api/v1/runs/{id}/trades", List.of("get")),
                Map.entry("/api/v1/runs/{id}/equity", List.of("get")),
                Map.entry("/api/v1/datasets", List.of("get", "post")),
                Map.entry("/api/v1/datasets/{name}", List.of("get", "delete")));
        expected.forEach((path, methods) -> {
            assertTrue(paths.containsKey(path), "missing " + path);
            for (String m : methods) {
                Map<String, Object> op = (Map<String, Object>) paths.get(path).get(m);
                assertTrue(op != null, "missing " + m + " " + path);
                assertTrue(op.get("summary") != null, "no summary on " + m + " " + path);
                Map<String, Object> responses = (Map<String, Object>) op.get("responses");
                assertTrue(responses.containsKey("500"), "no error responses on " + m + " " + path);
            }
        });
        assertTrue(doc.getMap("components.schemas").containsKey("ErrorBody"));
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void documentationPagesAreServedLocally() {
        given().get("/docs/").then().statusCode(200).body(containsString("swagger"));
        String redoc = given().get("/redoc").then().statusCode(200).extract().asString();
        assertTrue(redoc.contains("/redoc/redoc.standalone.js") && redoc.contains("/openapi"));
        assertTrue(!redoc.contains("https://"), "ReDoc must not load anything from outside");
        given().get("/redoc/redoc.standalone.js").then().statusCode(200);
        given().get("/").then().statusCode(200).body(containsString("Cracktrader"));
    }

    @Test
    void securityHeadersOnEveryResponse() {
        for (String path : List.of("/api/v1/status", "/api/v1/nope", "/")) {
            given().get(path).then()
                    .header("X-Frame-Options", "DENY")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-XSS-Protection", "1; mode=block")
                    .header("Referrer-Policy", "strict-origin-when-cross-origin");
        }
    }

    @Test
    void noCrossOriginCallersByDefault() {
        String allowed = given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/v1/run/backtest").then().extract().header("Access-Control-Allow-Origin");
        assertTrue(allowed == null || !allowed.contains("evil"), "CORS allowed " + allowed);
    }

    @Test
    void healthReportsTheDocumentedShape() {
        given().get("/api/v1/health").then().statusCode(200)
                .body("$", hasKey("status")).body("$", hasKey("checks")).body("$", hasKey("metrics"))
                .body("$", hasKey("timestamp"));
    }
}
