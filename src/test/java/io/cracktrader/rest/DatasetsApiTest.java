package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Importing CSV data and backtesting on it. */
@QuarkusTest
class DatasetsApiTest {
    static final Path ORCL = Path.of("../shared/data/orcl-1995-2014-1d.csv");

    @BeforeAll
    static void numbers() {
        Api.configure();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void orclReferenceThroughTheApi() throws Exception {
        assumeTrue(Files.exists(ORCL), "shared data not present");
        String name = unique("orcl");
        given().contentType("text/csv").body(Files.readString(ORCL)).queryParam("name", name).queryParam("symbol", "ORCL")
                .post("/api/v1/datasets").then().statusCode(201)
                .body("name", is(name)).body("symbol", is("ORCL")).body("bars", is(5036)).body("timeframe", is("1d"))
                .body("start", is("1995-01-03T00:00:00Z")).body("end", is("2014-12-31T00:00:00Z"))
                .body("gaps", greaterThan(1000));

        String id = Api.post("/api/v1/runs", Map.of("strategy_name", "MovingAverageCross",
                        "strategy_params", Map.of("fast_period", 10, "slow_period", 30), "dataset", name,
                        "commission", 0.001, "initial_cash", 10_000))
                .then().statusCode(201).extract().path("run_id");
        assertEquals("completed", Api.awaitRunEnd(id));
        JsonPath r = given().get("/api/v1/runs/" + id + "/results").then().statusCode(200)
                .body("data_source.exchange", is("dataset")).body("data_source.simulated", is(false))
                .body("symbols", is(List.of("ORCL"))).extract().jsonPath();
        assertEquals(41_815.846766666764, r.getDouble("final_value"), 41_815.846766666764 * 1e-9);
        assertEquals(3.1815846766666764, r.getDouble("performance_metrics.total_return"), 3.18 * 1e-9);
        assertEquals(0.6534839067153848, r.getDouble("performance_metrics.max_drawdown"), 0.65 * 1e-9);
        assertEquals(97, r.getInt("performance_metrics.total_trades"));
        assertEquals(195, r.getList("trades").size());
        assertEquals("1995-05-12T00:00:00Z", r.getString("trades[0].timestamp"));
        assertEquals(2.37037, r.getDouble("trades[0].price"), 0);
        assertEquals(2358.0728, r.getDouble("trades[1].pnl"), 1e-4);
        assertEquals("2004-07-01T00:00:00Z", r.getString("trades.find { it.price == 11.85 }.timestamp"));
        assertEquals(1, r.getList("open_positions").size());
        assertEquals(38.93, r.getDouble("open_positions[0].entry_price"), 0);
        assertEquals(929.860925879605, r.getDouble("open_positions[0].size"), 1e-9);
        assertEquals(44.970001, r.getDouble("open_positions[0].mark_price"), 0);
    }

    @Test
    void importListGetReplaceDelete() {
        String name = unique("tiny");
        String csv = "timestamp,open,high,low,close,volume\n"
                + "2024-01-01T00:00:00Z,100,110,95,105,1000\n"
                + "2024-01-01T01:00:00Z,105,112,101,110,1200\n"
                + "2024-01-01T03:00:00Z,110,111,100,101,900\n"
                + "2024-01-01T04:00:00Z,101,104,99,103,800\n";
        given().contentType("text/csv").body(csv).queryParam("name", name).post("/api/v1/datasets").then()
                .statusCode(201).header("Location", containsString(name))
                .body("timeframe", is("1h")).body("bars", is(4)).body("gaps", is(1))
                .body("gap_list[0].missing_bars", is(1)).body("gap_list[0].after", is("2024-01-01T01:00:00Z"));
        given().get("/api/v1/datasets").then().statusCode(200).body("datasets.name", hasItem(name));
        given().get("/api/v1/datasets/" + name).then().statusCode(200).body("size_bytes", greaterThan(4 * 48));
        given().contentType("text/csv").body(csv).queryParam("name", name).post("/api/v1/datasets").then()
                .statusCode(409).body("error.code", is("CONFLICT"));
        // Epoch milliseconds, no header.
        String epoch = "1704067200000,1,2,0.5,1.5,10\n1704067260000,1.5,2,1,1.8,11\n1704067320000,1.8,1.9,1.7,1.7,12\n";
        given().contentType("text/csv").body(epoch).queryParam("name", name).queryParam("replace", true)
                .post("/api/v1/datasets").then().statusCode(201).body("timeframe", is("1m")).body("bars", is(3));
        given().delete("/api/v1/datasets/" + name).then().statusCode(204);
        given().get("/api/v1/datasets/" + name).then().statusCode(404).body("error.code", is("NOT_FOUND"));
        given().delete("/api/v1/datasets/" + name).then().statusCode(404);
    }

    @Test
    void theFirstBadRowIsNamed() {
        String badBar = "timestamp,open,high,low,close,volume\n"
                + "2024-01-01T00:00:00Z,100,110,95,105,1000\n"
                + "2024-01-01T01:00:00Z,105,100,101,110,1200\n"; // high below low
        given().contentType("text/csv").body(badBar).queryParam("name", unique("bad")).post("/api/v1/datasets").then()
                .statusCode(422).body("error.code", is("VALIDATION_ERROR")).body("error.details.line", is(3));
        String backwards = "2024-01-01T01:00:00Z,1,2,0.5,1.5,10\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n";
        given().contentType("text/csv").body(backwards).queryParam("name", unique("bad")).post("/api/v1/datasets").then()
                .statusCode(422).body("error.details.line", is(2)).body("error.details.row", containsString("increase"));
        given().contentType("text/csv").body("2024-01-01T00:00:00Z,abc,2,1,1,1\n").queryParam("name", unique("bad"))
                .post("/api/v1/datasets").then().statusCode(422).body("error.details.line", is(1));
        given().contentType("text/csv").body("x").queryParam("name", "../etc").post("/api/v1/datasets").then()
                .statusCode(422).body("error.details.name", org.hamcrest.Matchers.notNullValue());
        given().contentType("text/csv").body("").queryParam("name", unique("empty")).post("/api/v1/datasets").then()
                .statusCode(422);
    }

    @Test
    void runsNameUnknownDatasetsAndConflictingFields() {
        Api.post("/api/v1/runs", Map.of("strategy_name", "TestStrategy", "dataset", "no-such-dataset"))
                .then().statusCode(422).body("error.details.dataset", containsString("no dataset"));
    }
}
