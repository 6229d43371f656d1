package io.cracktrader.it;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.cracktrader.store.TestDatabase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost on restart or crash: the packaged application (jar, or the native executable with
 * -Dnative) is started as a real process, killed, and started again on the same data directory.
 */
class RestartIT {
    private final Path dataDir = Path.of("target/it-data/restart-" + UUID.randomUUID()).toAbsolutePath();
    private final List<Process> processes = new ArrayList<>();
    private int port;

    /** The suite's database: PostgreSQL when the environment names one (see TestDatabase), else the data directory's. */
    private final TestDatabase database = new TestDatabase();
    private Map<String, String> databaseSettings;
    private String token;

    @AfterEach
    void killAll() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly().waitFor();
        }
        if (databaseSettings != null) {
            database.stop();
        }
    }

    @Test
    void finishedRunsSurviveACrashAndInterruptedOnesAreMarked() throws Exception {
        Process first = start();
        List<String> done = new ArrayList<>();
        for (String strategy : List.of("MovingAverageCross", "TestStrategy", "MovingAverageCross")) {
            done.add(api().body(Map.of("strategy_name", strategy, "symbols", List.of("BTC/USDT"), "timeframe", "1h",
                    "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-03-01T00:00:00Z"))
                    .post("/api/v1/runs").then().statusCode(201).extract().path("run_id"));
        }
        for (String id : done) {
            awaitStatus(id, "completed");
        }
        String finalValue = api().get("/api/v1/runs/" + done.get(0) + "/results").then().extract().path("final_value").toString();
        String interrupted = api().body(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("ETH/USDT"),
                "timeframe", "1m", "start_date", "2012-01-01T00:00:00Z", "end_date", "2024-01-01T00:00:00Z"))
                .post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
        awaitStatus(interrupted, "running");

        // A configured strategy (05) with a change and a paper run under way.
        String strategy = api().body(Map.of("name", "Survivor", "category", "trend_following", "strategy_type",
                "MovingAverageCross", "parameters", Map.of("fast_period", 3, "slow_period", 8), "timeframe", "1m"))
                .post("/api/strategies").then().statusCode(201).extract().path("id");
        api().body(Map.of("description", "kept across a crash")).put("/api/strategies/" + strategy).then().statusCode(200);
        api().post("/api/strategies/" + strategy + "/start").then().statusCode(200);

        first.destroyForcibly().waitFor(); // SIGKILL: a crash, no shutdown hook
        start();

        api().get("/api/strategies/" + strategy).then().statusCode(200)
                .body("strategy.description", is("kept across a crash")).body("strategy.status", is("error"));
        List<String> events = api().get("/api/strategies/" + strategy + "/history").then().statusCode(200)
                .extract().jsonPath().getList("history.event_type");
        assertEquals(List.of("interrupted", "started", "updated", "created"), events);
        String strategyRun = api().get("/api/strategies/" + strategy).then().extract().path("strategy.current_run_id");
        api().get("/api/v1/runs/" + strategyRun).then().body("status", is("failed")).body("error", containsString("Interrupted"));
        // The first administrator's random password was printed once, on the first start only.
        String log = Files.readString(dataDir.resolve("app.log"));
        assertEquals(1, log.split("Created administrator", -1).length - 1, "printed once");

        for (String id : done) {
            api().get("/api/v1/runs/" + id).then().statusCode(200).body("status", is("completed"));
            api().get("/api/v1/runs/" + id + "/results").then().statusCode(200)
                    .body("performance_metrics.total_trades", notNullValue())
                    .body("equity_curve", hasSize(1440));
        }
        assertEquals(finalValue, api().get("/api/v1/runs/" + done.get(0) + "/results").then().extract()
                .path("final_value").toString());
        api().get("/api/v1/runs/" + interrupted).then().statusCode(200)
                .body("status", is("failed")).body("error", containsString("Interrupted"));
    }

    @Test
    void aGracefulShutdownStopsActiveRunsAndKeepsTheirResults() throws Exception {
        Process first = start();
        String paper = api().body(Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"),
                        "timeframe", "1m", "mode", "paper", "strategy_params", Map.of("period", 5, "threshold", 0.001)))
                .post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
        // Wait for fills, not only bars: the first bars can all be warm-up, depending on the time of day.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api().get("/api/v1/runs/" + paper).then().extract().<Integer>path("trade_count") > 0);

        Map<String, Object> above = Map.of("cross_above", List.of(Map.of("indicator", "ema", "period", 5),
                Map.of("indicator", "ema", "period", 20)));
        Map<String, Object> below = Map.of("cross_below", List.of(Map.of("indicator", "ema", "period", 5),
                Map.of("indicator", "ema", "period", 20)));
        api().body(Map.of("name", "EmaCrossRule", "entry", above, "exit", below)).post("/api/v1/strategies")
                .then().statusCode(201);

        first.destroy(); // SIGTERM
        assertEquals(0, first.waitFor() == 0 || first.exitValue() == 143 ? 0 : first.exitValue());
        start();

        api().get("/api/v1/runs/" + paper).then().statusCode(200).body("status", is("stopped"));
        api().get("/api/v1/strategies/EmaCrossRule").then().statusCode(200).body("kind", is("rule"));
        int fills = api().get("/api/v1/runs/" + paper + "/trades").then().statusCode(200)
                .extract().path("pagination.total");
        assertTrue(fills > 0, "the paper run's fills were kept");
    }

    private Process start() throws IOException {
        port = freePort();
        if (databaseSettings == null) {
            databaseSettings = database.start();
        }
        List<String> settings = new ArrayList<>(List.of("-Dcracktrader.data-dir=" + dataDir, "-Dquarkus.http.port=" + port,
                "-Dcracktrader.exchanges.simulated.clock-speed=3600"));
        databaseSettings.forEach((k, v) -> settings.add("-D" + k + "=" + v));
        List<String> command = new ArrayList<>();
        File workDir = new File("target/quarkus-app");
        String nativeImage = System.getProperty("native.image.path");
        if (Boolean.getBoolean("cracktrader.it.native") && nativeImage != null && new File(nativeImage).exists()) {
            command.add(nativeImage);
            command.addAll(settings);
            // A native build has no quarkus-app directory: run beside the executable.
            workDir = new File(nativeImage).getAbsoluteFile().getParentFile();
        } else {
            // As the README starts it: from the application directory, with its class-data archive.
            command.add(ProcessHandle.current().info().command().orElse("java"));
            if (Files.exists(Path.of("target/quarkus-app/app-cds.jsa"))) {
                command.add("-XX:SharedArchiveFile=app-cds.jsa");
            }
            command.addAll(settings);
            command.add("-jar");
            command.add("quarkus-run.jar");
        }
        Files.createDirectories(dataDir);
        long started = System.nanoTime();
        Process p = new ProcessBuilder(command).directory(workDir).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("app.log").toFile())).start();
        processes.add(p);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> given().port(port).get("http://127.0.0.1/api/v1/health").statusCode() == 200);
        token = given().baseUri("http://127.0.0.1").port(port).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "password", adminPassword())).post("/api/auth/login")
                .then().statusCode(200).extract().path("access_token");
        // Reported, not asserted: startup time is measured by the README's benchmark, not by tests.
        System.out.printf("RestartIT: health answered %.2f s after the process started%n",
                (System.nanoTime() - started) / 1e9);
        return p;
    }

    private RequestSpecification api() {
        return given().baseUri("http://127.0.0.1").port(port).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }

    /** The random password the first start printed (no administrator password is configured here). */
    private String adminPassword() throws IOException {
        Matcher m = Pattern.compile("with password: (\\S+)").matcher(Files.readString(dataDir.resolve("app.log")));
        assertTrue(m.find(), "the first start prints the administrator's password");
        return m.group(1);
    }

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(api().get("/api/v1/runs/" + id).then().extract().path("status")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
