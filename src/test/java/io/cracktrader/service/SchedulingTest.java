package io.cracktrader.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cracktrader.rest.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs are scheduled by kind of work (docs/ARCHITECTURE.md, "Scheduling"): open-ended paper runs
 * never hold a backtest worker, so they cannot starve anyone's backtests, and a backtest that waits
 * says where it stands in the queue.
 */
@QuarkusTest
class SchedulingTest {

    @BeforeAll
    static void login() {
        Api.configure();
    }

    @Test
    void backtestsCompleteWhilePaperRunsKeepRunning() {
        List<String> paper = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            paper.add(start(Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"), "timeframe", "1m",
                    "mode", "paper")));
        }
        for (String id : paper) {
            await().atMost(Duration.ofSeconds(20)).until(() -> "running".equals(status(id)));
        }
        List<String> backtests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            backtests.add(start(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("ETH/USDT"),
                    "timeframe", "1h", "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-07-01T00:00:00Z")));
        }
        long deadline = System.currentTimeMillis() + 30_000;
        for (String id : backtests) {
            await().atMost(Duration.ofMillis(Math.max(1, deadline - System.currentTimeMillis())))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !List.of("starting", "running").contains(status(id)));
            assertEquals("completed", status(id));
        }
        for (String id : paper) {
            assertEquals("running", status(id), "paper run " + id + " keeps running");
            given().post("/api/v1/runs/" + id + "/stop").then().statusCode(200);
        }
    }

    @Test
    void aQueuedBacktestSaysWhereItStands() {
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            queued.add(start(Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("SOL/USDT"),
                    "timeframe", "1m", "start_date", "2015-01-01T00:00:00Z", "end_date", "2024-01-01T00:00:00Z")));
        }
        String last = queued.get(queued.size() - 1);
        Map<String, Object> waiting = given().get("/api/v1/runs/" + last).then().statusCode(200).extract().jsonPath()
                .getMap("$");
        if ("starting".equals(waiting.get("status"))) {
            assertEquals(true, ((Number) waiting.get("queue_position")).intValue() >= 1);
            assertEquals(true, String.valueOf(waiting.get("waiting_for")).contains("backtest worker"));
        }
        for (String id : queued) {
            given().post("/api/v1/runs/" + id + "/stop").then().statusCode(200);
        }
        for (String id : queued) {
            assertEquals("stopped", Api.awaitRunEnd(id));
        }
    }

    private static String start(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/runs").then().statusCode(201).extract()
                .path("run_id");
    }

    private static String status(String id) {
        return given().get("/api/v1/runs/" + id).then().statusCode(200).extract().path("status");
    }
}
