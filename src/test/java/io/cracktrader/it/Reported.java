package io.cracktrader.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the service has told its user, as a user keeps it: every run it accepted, the runs it said were
 * completed (with their figures), the fills it listed or counted, the orders it accepted. After a
 * crash, a restart or an outage, {@link #verify} checks that all of it is still there.
 */
final class Reported {
    private static final Set<String> ACTIVE = Set.of("starting", "running");

    private final Set<String> runs = new LinkedHashSet<>();
    /** Run id → {trade_count, value} when the service reported it completed. */
    private final Map<String, List<Object>> completed = new HashMap<>();
    /** Run id → every fill id it has listed; the highest fill count its status reported. */
    private final Map<String, Set<String>> fills = new HashMap<>();
    private final Map<String, Integer> counted = new HashMap<>();
    private final Set<String> orders = new HashSet<>();

    void run(String runId) {
        runs.add(runId);
    }

    void order(String orderId) {
        orders.add(orderId);
    }

    int completedRuns() {
        return completed.size();
    }

    int fills() {
        return fills.values().stream().mapToInt(Set::size).sum();
    }

    /** Reads every run the user follows, as a user's client polls, and keeps what it says. */
    void observe(ServiceProcess service) {
        for (String id : runs) {
            if (completed.containsKey(id)) {
                continue;
            }
            Response r = service.api().get("/api/v1/runs/" + id);
            if (r.statusCode() != 200) {
                continue;
            }
            JsonPath run = r.jsonPath();
            String status = run.getString("status");
            if (!ACTIVE.contains(status)) {
                // The status is the last word on the run; anything its trades page listed stays true too.
                if ("completed".equals(status)) {
                    completed.put(id, List.of(run.getInt("trade_count"), String.valueOf(run.getString("value"))));
                }
            }
            counted.merge(id, run.getInt("trade_count"), Math::max);
            Response page = service.api().queryParam("size", 1000).get("/api/v1/runs/" + id + "/trades");
            if (page.statusCode() == 200) {
                fills.computeIfAbsent(id, k -> new HashSet<>()).addAll(page.jsonPath().getList("items.id", String.class));
            }
        }
    }

    /**
     * Everything reported is still true: completed runs with the same figures, every listed or counted
     * fill stored, every accepted order known.
     */
    void verify(ServiceProcess service) {
        for (Map.Entry<String, List<Object>> e : completed.entrySet()) {
            JsonPath run = service.api().get("/api/v1/runs/" + e.getKey()).then().statusCode(200).extract().jsonPath();
            assertEquals("completed", run.getString("status"), "run " + e.getKey() + " was reported completed");
            assertEquals(e.getValue(), List.of(run.getInt("trade_count"), String.valueOf(run.getString("value"))),
                    "run " + e.getKey() + " keeps the figures it was reported completed with");
        }
        for (Map.Entry<String, Set<String>> e : fills.entrySet()) {
            JsonPath page = service.api().queryParam("size", 1000).get("/api/v1/runs/" + e.getKey() + "/trades")
                    .then().statusCode(200).extract().jsonPath();
            Set<String> stored = new HashSet<>(page.getList("items.id", String.class));
            Set<String> lost = new HashSet<>(e.getValue());
            lost.removeAll(stored);
            assertTrue(lost.isEmpty(), "run " + e.getKey() + " lost reported fills " + lost);
            int count = counted.getOrDefault(e.getKey(), 0);
            assertTrue(page.getInt("pagination.total") >= count, "run " + e.getKey() + " reported " + count
                    + " fills and stores " + page.getInt("pagination.total"));
        }
        if (!orders.isEmpty()) {
            Set<String> known = new HashSet<>(service.api().queryParam("limit", 500).get("/api/trading/orders")
                    .then().statusCode(200).extract().jsonPath().getList("orders.order_id", String.class));
            Set<String> lost = new HashSet<>(orders);
            lost.removeAll(known);
            assertTrue(lost.isEmpty(), "accepted orders lost: " + lost);
        }
    }

    /** No run the user followed is left starting or running once {@code settle} (a lease) has passed: none has an executor. */
    void assertNoneLeftActive(ServiceProcess service, Duration settle) {
        await().atMost(settle.plusSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String id : runs) {
                String status = service.api().get("/api/v1/runs/" + id).then().statusCode(200).extract().path("status");
                if (ACTIVE.contains(status)) {
                    fail("run " + id + " is still " + status + " with no process executing it");
                }
            }
        });
    }
}
