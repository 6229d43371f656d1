package io.cracktrader.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cracktrader.store.TestDatabase;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The data directory on a small disk that fills up (a 30 MB tmpfs; mounting one needs root, else the
 * test is skipped with the reason): readiness goes DOWN, writes answer 503 with the error body and
 * say the storage is full, never 500; a failed import leaves no temporary file; once space is freed
 * readiness is UP again by itself and writes work; temporary files a crash left are removed at start.
 */
class FullDiskIT {
    private final Path mount = Path.of("target/it-data/full-disk-" + UUID.randomUUID()).toAbsolutePath();
    private final Path dataDir = mount.resolve("data");
    private final Path log = Path.of(mount + ".log");
    private final TestDatabase database = new TestDatabase();
    private ServiceProcess service;
    private boolean mounted;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.kill();
        }
        database.stop();
        if (mounted) {
            new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aFullDiskIsA503AndReadinessDownUntilSpaceIsFreed() throws Exception {
        Files.createDirectories(mount);
        mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=30m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start().waitFor() == 0;
        assumeTrue(mounted, "mounting a 30 MB tmpfs is not permitted here (it needs root)");
        Map<String, String> settings = new HashMap<>(database.start());
        boolean embedded = !settings.containsKey("quarkus.datasource.postgresql.jdbc.url");
        settings.put("cracktrader.admin.password", "full-disk-admin-1");
        settings.put("cracktrader.data-min-free-mb", "4");
        // The logins below must not push the test's own session out (on PostgreSQL they succeed).
        settings.put("cracktrader.auth.max-sessions-per-user", "100");
        service = new ServiceProcess(dataDir, settings, log).start();
        String csv = csv(20_000);
        importDataset("before", csv).then().statusCode(201);

        Path filler = mount.resolve("filler");
        fill(filler);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.anonymous().get("/q/health/ready").statusCode() == 503);
        service.anonymous().get("/q/health/ready").then().body("checks.find { it.name == 'storage' }.status", is("DOWN"));
        service.api().get("/api/v1/health").then().body("checks.storage.status", is("unhealthy"));

        Response refused = importDataset("during", csv);
        assertFullDiskAnswer(refused);
        try (Stream<Path> files = Files.list(dataDir.resolve("datasets"))) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(),
                    "a failed import leaves no temporary file");
        }
        // Writes that find no room are refused in the same words; those SQLite fits into pages it
        // already has succeed. None is a 500.
        List<Response> writes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writes.add(service.api().body(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("BTC/USDT"),
                    "timeframe", "1h", "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-03-01T00:00:00Z"))
                    .post("/api/v1/runs"));
            writes.add(service.anonymous().body(Map.of("username", "admin", "password", "full-disk-admin-1"))
                    .post("/api/auth/login"));
            writes.add(service.api().body(Map.of("name", "Full" + i, "category", "trend_following", "strategy_type",
                    "MovingAverageCross", "parameters", Map.of("fast_period", 3, "slow_period", 8), "timeframe", "1h"))
                    .post("/api/strategies"));
        }
        for (Response w : writes) {
            if (w.statusCode() >= 300) {
                assertFullDiskAnswer(w);
            }
        }
        if (embedded) {
            assertTrue(writes.stream().anyMatch(w -> w.statusCode() == 503), "the embedded database ran out of room");
        }

        Files.delete(filler);
        await().atMost(Duration.ofSeconds(10)).until(() -> service.anonymous().get("/q/health/ready").statusCode() == 200);
        importDataset("after", csv).then().statusCode(201);
        service.api().get("/api/v1/health").then().body("checks.storage.status", is("healthy"));

        // An import a crash cut off leaves its temporary file; the next start removes it.
        service.kill();
        Path leftover = dataDir.resolve("datasets").resolve("cut-off123456789.tmp");
        Files.write(leftover, new byte[4096]);
        if (!embedded) {
            // Replicas may share the volume: a start removes only files nobody has written to for a while.
            Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(3600)));
        }
        service = new ServiceProcess(dataDir, settings, log).start();
        assertTrue(Files.notExists(leftover), "the next start removed the temporary file of a cut-off import");
        service.api().get("/api/v1/datasets/after").then().statusCode(200);
    }

    private static void assertFullDiskAnswer(Response r) {
        r.then().statusCode(503).header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("error.code", is("EXTERNAL_SERVICE_ERROR")).body("error.message", containsString("storage"));
    }

    private Response importDataset(String name, String csv) {
        return service.api().contentType("text/csv").body(csv).queryParam("name", name).queryParam("symbol", "TEST/USD")
                .post("/api/v1/datasets");
    }

    /** Writes until the volume refuses more. */
    private static void fill(Path filler) {
        byte[] chunk = new byte[256 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // No space left on device: the disk is full
        }
    }

    private static String csv(int bars) {
        StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        double price = 100;
        for (int i = 0; i < bars; i++) {
            price *= 1 + Math.sin(i * 0.1) * 0.001;
            sb.append(t.plusSeconds(3600L * i)).append(',').append(price).append(',').append(price * 1.01).append(',')
                    .append(price * 0.99).append(',').append(price).append(",1000\n");
        }
        return sb.toString();
    }
}
