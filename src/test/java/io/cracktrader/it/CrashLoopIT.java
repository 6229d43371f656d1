package io.cracktrader.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.store.TestDatabase;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A crash loop: the packaged application is killed with SIGKILL at random moments over a mixed
 * workload (backtests that complete, backtests cut off, paper runs trading, orders), twenty times by
 * default ({@code -Dit.crash-kills}). After every restart, everything the service had
 * reported is still there and no run is left starting or running without a process executing it.
 */
class CrashLoopIT {
    private static final Duration LEASE = Duration.ofSeconds(3);

    private final Path dataDir = Path.of("target/it-data/crash-loop-" + UUID.randomUUID()).toAbsolutePath();
    private final TestDatabase database = new TestDatabase();
    private ServiceProcess service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.kill();
        }
        database.stop();
    }

    @Test
    void nothingReportedIsLostAcrossTwentyKills() throws Exception {
        int kills = Integer.getInteger("it.crash-kills", 20);
        long seed = Long.getLong("it.seed", System.nanoTime());
        System.out.println("CrashLoopIT: " + kills + " kills, seed " + seed);
        Random random = new Random(seed);
        Map<String, String> settings = new HashMap<>(database.start());
        settings.put("cracktrader.admin.password", "crash-loop-admin-1");
        settings.put("cracktrader.exchanges.simulated.clock-speed", "3600");
        settings.put("cracktrader.exchanges.simulated.warmup-bars", "20");
        settings.put("cracktrader.runs.lease", "PT" + LEASE.toSeconds() + "S");
        Reported reported = new Reported();

        for (int kill = 1; kill <= kills + 1; kill++) {
            service = new ServiceProcess(dataDir, settings).start();
            reported.verify(service);
            reported.assertNoneLeftActive(service, LEASE);
            if (kill > kills) {
                break;
            }
            workload(reported, kill, random);
            long until = System.currentTimeMillis() + 500 + random.nextInt(3_500);
            while (System.currentTimeMillis() < until) {
                reported.observe(service);
            }
            service.kill();
        }
        System.out.printf("CrashLoopIT: %d completed runs and %d fills reported, all kept%n", reported.completedRuns(),
                reported.fills());
        assertTrue(reported.completedRuns() > 0 && reported.fills() > 0, "the workload reported completions and fills");
    }

    /** What a user does in a few seconds: a short and a long backtest, a paper run, an order. */
    private void workload(Reported reported, int kill, Random random) {
        reported.run(create(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("BTC/USDT"), "timeframe", "1h",
                "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-03-01T00:00:00Z")));
        reported.run(create(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("ETH/USDT"), "timeframe", "1m",
                "start_date", "2016-01-01T00:00:00Z", "end_date", "2024-01-01T00:00:00Z")));
        reported.run(create(Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"), "timeframe", "1m",
                "mode", "paper", "strategy_params", Map.of("period", 5, "threshold", 0.0005))));
        Response order = service.api().body(Map.of("symbol", "BTC/USDT", "side", random.nextBoolean() ? "buy" : "sell",
                "type", "market", "amount", 0.001, "client_order_id", "crash-" + kill)).post("/api/trading/order");
        if (order.statusCode() == 201 || order.statusCode() == 200) {
            reported.order(order.jsonPath().getString("order_id"));
        }
    }

    private String create(Map<String, Object> body) {
        return service.api().body(body).post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
    }
}
