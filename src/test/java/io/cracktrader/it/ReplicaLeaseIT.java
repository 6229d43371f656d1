package io.cracktrader.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cracktrader.store.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one PostgreSQL, as a Deployment with two pods runs them: each executes the runs it
 * started and neither touches the other's while their leases are renewed — not when one starts, not
 * in the minutes after ({@code -Dit.replica-seconds}, 20 by default; measured by hand over
 * 300). When one is killed, the other closes its runs as interrupted once their leases expire, with
 * their fills kept. On the embedded database a second process is refused the data directory instead
 * (see {@code Database}), so the test runs in the suite's PostgreSQL pass.
 */
class ReplicaLeaseIT {
    /** Short, so a takeover is quick to see; long enough for a busy 2-core machine's GC pauses (30 s in production). */
    private static final Duration LEASE = Duration.ofSeconds(10);

    private final String name = UUID.randomUUID().toString();
    private final TestDatabase database = new TestDatabase();
    private ServiceProcess a;
    private ServiceProcess b;

    @AfterEach
    void stop() throws InterruptedException {
        for (ServiceProcess p : new ServiceProcess[] {a, b}) {
            if (p != null) {
                p.kill();
            }
        }
        database.stop();
    }

    @Test
    void replicasNeverFightOverARunAndTakeOverOnlyExpiredLeases() throws Exception {
        Map<String, String> shared = new HashMap<>(database.start());
        assumeTrue(shared.containsKey("quarkus.datasource.postgresql.jdbc.url"),
                "PostgreSQL pass only (CRACKTRADER_TEST_POSTGRES_URL)");
        shared.put("cracktrader.admin.password", "replica-admin-1");
        shared.put("cracktrader.exchanges.simulated.clock-speed", "3600");
        shared.put("cracktrader.exchanges.simulated.warmup-bars", "20");
        shared.put("cracktrader.runs.lease", "PT" + LEASE.toSeconds() + "S");
        a = replica("a", shared);
        String paperA = paper(a);
        String backtestA = longBacktest(a);
        await().atMost(Duration.ofSeconds(60)).until(() -> fills(a, paperA) > 0);

        // The finding: a replica that starts used to fail every active run, whoever ran it.
        b = replica("b", shared);
        String paperB = paper(b);
        String backtestB = longBacktest(b);
        Reported reported = new Reported();
        List.of(paperA, backtestA, paperB, backtestB).forEach(reported::run);

        long seconds = Integer.getInteger("it.replica-seconds", 20);
        long end = System.currentTimeMillis() + seconds * 1000;
        int lastA = 0;
        int lastB = 0;
        while (System.currentTimeMillis() < end) {
            for (ServiceProcess reader : List.of(a, b)) {
                for (String id : List.of(paperA, backtestA, paperB, backtestB)) {
                    // A backtest may complete during a long soak; nothing may fail or stop.
                    reader.api().get("/api/v1/runs/" + id).then().statusCode(200).body("status", oneOf("running", "completed"));
                }
            }
            int nowA = fills(b, paperA);
            int nowB = fills(a, paperB);
            assertTrue(nowA >= lastA && nowB >= lastB, "fill counts only grow, read through either replica");
            lastA = nowA;
            lastB = nowB;
            reported.observe(a);
            Thread.sleep(1_000);
        }
        assertTrue(fills(b, paperB) > 0, "both replicas' paper runs trade");

        List<String> heldByA = List.of(paperA, backtestA).stream()
                .filter(id -> "running".equals(b.api().get("/api/v1/runs/" + id).then().extract().path("status"))).toList();
        assertTrue(heldByA.contains(paperA), "replica a's paper run is running when a is killed");
        a.kill();
        long killed = System.currentTimeMillis();
        await().atMost(LEASE.multipliedBy(3).plusSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                heldByA.stream().allMatch(id ->
                        "failed".equals(b.api().get("/api/v1/runs/" + id).then().extract().path("status"))));
        System.out.printf("ReplicaLeaseIT: replica b closed replica a's runs %.1f s after a was killed (lease %d s)%n",
                (System.currentTimeMillis() - killed) / 1e3, LEASE.toSeconds());
        for (String id : heldByA) {
            b.api().get("/api/v1/runs/" + id).then().body("stop_reason", is("interrupted"))
                    .body("error", containsString("lease"));
        }
        reported.verify(b);
        for (String id : List.of(paperB, backtestB)) {
            b.api().get("/api/v1/runs/" + id).then().statusCode(200).body("status", oneOf("running", "completed"));
        }
        assertEquals(fills(b, paperA), (int) b.api().get("/api/v1/runs/" + paperA + "/trades").then()
                .extract().path("pagination.total"), "the closed run counts the fills it stored");
    }

    private ServiceProcess replica(String id, Map<String, String> shared) throws Exception {
        Map<String, String> settings = new HashMap<>(shared);
        settings.put("cracktrader.runs.replica-id", "replica-" + id);
        Path dataDir = Path.of("target/it-data/replica-" + id + "-" + name).toAbsolutePath();
        return new ServiceProcess(dataDir, settings).start();
    }

    private static String paper(ServiceProcess on) {
        return on.api().body(Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"), "timeframe", "1m",
                "mode", "paper", "strategy_params", Map.of("period", 5, "threshold", 0.0005)))
                .post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
    }

    /** Long enough to be running whenever it is looked at. */
    private static String longBacktest(ServiceProcess on) {
        String id = on.api().body(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("ETH/USDT"), "timeframe",
                "1m", "start_date", "2012-01-01T00:00:00Z", "end_date", "2024-01-01T00:00:00Z"))
                .post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                "running".equals(on.api().get("/api/v1/runs/" + id).then().extract().path("status")));
        return id;
    }

    private static int fills(ServiceProcess reader, String runId) {
        return reader.api().get("/api/v1/runs/" + runId).then().statusCode(200).extract().path("trade_count");
    }
}
