package io.cracktrader.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.cracktrader.store.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost on restart or crash: the packaged application (jar, or the native executable with
 * -Dnative) is started as a real process, killed, and started again on the same data directory.
 */
class RestartIT {
    private final Path dataDir = Path.of("target/it-data/restart-" + UUID.randomUUID()).toAbsolutePath();
    private final List<ServiceProcess> processes = new ArrayList<>();
    private ServiceProcess service;

    /** The suite's database: PostgreSQL when the environment names one (see TestDatabase), else the data directory's. */
    private final TestDatabase database = new TestDatabase();
    private Map<String, String> databaseSettings;

    @AfterEach
    void killAll() throws InterruptedException {
        for (ServiceProcess p : processes) {
            p.kill();
        }
        if (databaseSettings != null) {
            database.stop();
        }
    }

    @Test
    void finishedRunsSurviveACrashAndInterruptedOnesAreMarked() throws Exception {
        ServiceProcess first = start();
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
        String strategyRun = api().get("/api/strategies/" + strategy).then().extract().path("strategy.current_run_id");
        // Fills a paper run has reported are stored as they happen, not when it ends (issue: durability).
        await().atMost(Duration.ofSeconds(60)).until(() ->
                api().get("/api/v1/runs/" + strategyRun).then().extract().<Integer>path("trade_count") >= 3);
        int reported = api().get("/api/v1/runs/" + strategyRun).then().extract().path("trade_count");
        assertTrue(api().get("/api/v1/runs/" + strategyRun + "/trades").then().extract().<Integer>path("pagination.total")
                >= reported, "an active run's trades page holds every fill its status counts");

        first.kill(); // SIGKILL: a crash, no shutdown hook
        start();

        api().get("/api/strategies/" + strategy).then().statusCode(200)
                .body("strategy.description", is("kept across a crash")).body("strategy.status", is("error"));
        List<String> events = api().get("/api/strategies/" + strategy + "/history").then().statusCode(200)
                .extract().jsonPath().getList("history.event_type");
        assertEquals(List.of("interrupted", "started", "updated", "created"), events);
        api().get("/api/v1/runs/" + strategyRun).then().body("status", is("failed")).body("error", containsString("Interrupted"))
                .body("stop_reason", is("interrupted"));
        int kept = api().get("/api/v1/runs/" + strategyRun + "/trades").then().extract().path("pagination.total");
        assertTrue(kept >= reported, "the crash kept the " + reported + " fills the run had reported; " + kept + " stored");
        api().get("/api/v1/runs/" + strategyRun).then().body("trade_count", is(kept));
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
                .body("status", is("failed")).body("error", containsString("Interrupted")).body("stop_reason", is("interrupted"));
        for (String id : done) {
            api().get("/api/v1/runs/" + id).then().body("stop_reason", nullValue());
        }
    }

    @Test
    void aGracefulShutdownStopsActiveRunsAndKeepsTheirResults() throws Exception {
        ServiceProcess first = start();
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

        // Backtests cut off by the shutdown: one running, the others waiting for a worker.
        List<String> cut = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cut.add(api().body(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("ETH/USDT"), "timeframe", "1m",
                    "start_date", "2012-01-01T00:00:00Z", "end_date", "2024-01-01T00:00:00Z"))
                    .post("/api/v1/runs").then().statusCode(201).extract().path("run_id"));
        }
        int exit = first.terminate(); // SIGTERM
        assertTrue(exit == 0 || exit == 143, "exit code " + exit);
        start();

        api().get("/api/v1/runs/" + paper).then().statusCode(200).body("status", is("stopped"))
                .body("stop_reason", is("shutdown"));
        for (String id : cut) {
            api().get("/api/v1/runs/" + id).then().statusCode(200).body("status", is("stopped"))
                    .body("stop_reason", is("shutdown"));
        }
        api().get("/api/v1/strategies/EmaCrossRule").then().statusCode(200).body("kind", is("rule"));
        int fills = api().get("/api/v1/runs/" + paper + "/trades").then().statusCode(200)
                .extract().path("pagination.total");
        assertTrue(fills > 0, "the paper run's fills were kept");
    }

    private ServiceProcess start() throws IOException {
        if (databaseSettings == null) {
            databaseSettings = database.start();
        }
        Map<String, String> settings = new HashMap<>(databaseSettings);
        settings.put("cracktrader.exchanges.simulated.clock-speed", "3600");
        // The same name on every start, as a StatefulSet pod has: on PostgreSQL the new process closes
        // the runs its predecessor held at once, without waiting for their lease to expire.
        settings.put("cracktrader.runs.replica-id", "restart-it");
        service = new ServiceProcess(dataDir, settings).start();
        processes.add(service);
        return service;
    }

    private RequestSpecification api() {
        return service.api();
    }

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(api().get("/api/v1/runs/" + id).then().extract().path("status")));
    }
}
