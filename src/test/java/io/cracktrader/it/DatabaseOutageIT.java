package io.cracktrader.it;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cracktrader.store.TestDatabase;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away for 30 seconds ({@code -Dit.outage-seconds}) under a user's
 * traffic: every answer that needs the database is a 503 with the one error body and Retry-After
 * (never a 500), a run that ends meanwhile is never shown completed without its results (it is
 * reported failed, with the reason, once its final write has been retried in vain), and once the
 * database is back the service recovers by itself with nothing it reported lost. On the embedded
 * database there is no server to lose: the test runs in the suite's PostgreSQL pass.
 */
class DatabaseOutageIT {
    private final Path dataDir = Path.of("target/it-data/outage-" + UUID.randomUUID()).toAbsolutePath();
    private final TestDatabase database = new TestDatabase();
    private ServiceProcess service;
    private TcpProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.kill();
        }
        if (proxy != null) {
            proxy.close();
        }
        database.stop();
    }

    @Test
    void everyAnswerIsA503WhileTheDatabaseIsAwayAndNothingReportedIsLost() throws Exception {
        Map<String, String> settings = new HashMap<>(database.start());
        String url = settings.get("quarkus.datasource.postgresql.jdbc.url");
        assumeTrue(url != null, "PostgreSQL pass only (CRACKTRADER_TEST_POSTGRES_URL)");
        Matcher hostPort = Pattern.compile("//([^:/]+):?(\\d*)/").matcher(url);
        assertTrue(hostPort.find(), url);
        proxy = new TcpProxy(hostPort.group(1), hostPort.group(2).isEmpty() ? 5432 : Integer.parseInt(hostPort.group(2)));
        settings.put("quarkus.datasource.postgresql.jdbc.url", hostPort.replaceFirst("//127.0.0.1:" + proxy.port() + "/"));
        settings.put("cracktrader.admin.password", "outage-admin-1");
        settings.put("cracktrader.exchanges.simulated.clock-speed", "3600");
        settings.put("cracktrader.exchanges.simulated.warmup-bars", "20");
        settings.put("cracktrader.runs.final-write-retry", "PT5S");
        service = new ServiceProcess(dataDir, settings).start();
        Reported reported = new Reported();

        String paper = create(Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"), "timeframe", "1m",
                "mode", "paper", "strategy_params", Map.of("period", 5, "threshold", 0.0005)));
        reported.run(paper);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                service.api().get("/api/v1/runs/" + paper).then().extract().<Integer>path("trade_count") > 0);
        // A year of minutes: it ends a few seconds into the outage, when its results cannot be written.
        String endsDuringOutage = create(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("BTC/USDT"),
                "timeframe", "1m", "start_date", "2023-01-01T00:00:00Z", "end_date", "2024-01-01T00:00:00Z"));
        reported.run(endsDuringOutage);
        reported.observe(service);

        proxy.cut();
        long outageEnd = System.currentTimeMillis() + Integer.getInteger("it.outage-seconds", 30) * 1000L;
        Map<String, Integer> answers = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        List<Function<RequestSpecification, Response>> calls = List.of(
                r -> r.get("/api/v1/runs"),
                r -> r.get("/api/v1/runs/" + endsDuringOutage),
                r -> r.get("/api/v1/runs/" + paper + "/trades"),
                r -> r.get("/api/v1/status"),
                r -> r.get("/api/strategies"),
                r -> r.get("/api/v1/datasets"),
                r -> r.body(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("BTC/USDT"), "timeframe",
                        "1h", "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-02-01T00:00:00Z")).post("/api/v1/runs"),
                r -> r.body(Map.of("symbol", "BTC/USDT", "side", "buy", "type", "market", "amount", 0.001))
                        .post("/api/trading/order"));
        int i = 0;
        // Wait out the session cache (two seconds) so every call meets the database.
        Thread.sleep(2_500);
        while (System.currentTimeMillis() < outageEnd) {
            Response r = calls.get(i++ % calls.size()).apply(service.api());
            answers.merge(String.valueOf(r.statusCode()), 1, Integer::sum);
            if (r.statusCode() != 503 || r.header("Retry-After") == null
                    || !"EXTERNAL_SERVICE_ERROR".equals(r.jsonPath().getString("error.code"))) {
                wrong.add(r.statusCode() + " " + r.asString());
            }
            Response login = service.anonymous().body(Map.of("username", "admin", "password", "outage-admin-1"))
                    .post("/api/auth/login");
            answers.merge("login " + login.statusCode(), 1, Integer::sum);
            if (login.statusCode() != 503 || login.header("Retry-After") == null) {
                wrong.add("login " + login.statusCode() + " " + login.asString());
            }
        }
        service.anonymous().get("/q/health/ready").then().statusCode(503);
        service.anonymous().get("/q/health/live").then().statusCode(200);
        System.out.println("DatabaseOutageIT: answers during the outage " + answers);
        assertEquals(List.of(), wrong, "every answer during the outage is a 503 with the error body and Retry-After");

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> service.anonymous().get("/q/health/ready").statusCode() == 200);
        reported.verify(service);
        // The backtest that ended meanwhile says why it has no results, and never claimed it had.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !"running".equals(service.api().get("/api/v1/runs/" + endsDuringOutage).then().extract().path("status")));
        service.api().get("/api/v1/runs/" + endsDuringOutage).then().statusCode(200).body("status", is("failed"))
                .body("error", containsString("could not be stored")).body("stop_reason", is("error"));
        // The paper run traded on through the outage; its fills waited for the database and are all there.
        int before = service.api().get("/api/v1/runs/" + paper).then().body("status", is("running"))
                .extract().path("trade_count");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                service.api().get("/api/v1/runs/" + paper).then().extract().<Integer>path("trade_count") > before);
        reported.observe(service);
        reported.verify(service);
        String after = create(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("BTC/USDT"), "timeframe", "1h",
                "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-02-01T00:00:00Z"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "completed".equals(service.api().get("/api/v1/runs/" + after).then().extract().path("status")));
        assertNotNull(answers.get("503"));
        assertNotEquals(0, answers.get("503"));
    }

    private String create(Map<String, Object> body) {
        return service.api().body(body).post("/api/v1/runs").then().statusCode(201).extract().path("run_id");
    }
}
