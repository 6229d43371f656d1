package io.cracktrader.rest;

import static io.cracktrader.rest.Api.as;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 5: a dataset belongs to who imported it. Another user neither sees, replaces,
 * deletes nor trades it; the administrator reaches it. A rule strategy type is usable by everyone, but
 * only its author (or the administrator) deletes it.
 */
@QuarkusTest
class DatasetOwnershipTest {
    private static final String CSV = "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n"
            + "2024-01-01T01:00:00Z,1.5,2,1,1.8,12\n2024-01-01T02:00:00Z,1.8,2.2,1.6,2,9\n";

    @BeforeAll
    static void configure() {
        Api.configure();
    }

    @Test
    void anotherUsersDatasetIsNotTheirs() {
        String alice = Api.user("data-alice", "trader");
        String bob = Api.user("data-bob", "trader");
        as(alice).contentType("text/csv").body(CSV).queryParam("name", "alices-data").post("/api/v1/datasets").then()
                .statusCode(201);
        as(bob).get("/api/v1/datasets/alices-data").then().statusCode(404);
        as(bob).get("/api/v1/datasets").then().statusCode(200).body("datasets.name", not(hasItem("alices-data")));
        // The finding: bob replaced or deleted it.
        as(bob).contentType("text/csv").body(CSV).queryParam("name", "alices-data").queryParam("replace", true)
                .post("/api/v1/datasets").then().statusCode(409);
        as(bob).delete("/api/v1/datasets/alices-data").then().statusCode(404);
        as(bob).contentType(ContentType.JSON).body(Map.of("strategy_name", "BuyAndHold", "dataset", "alices-data"))
                .post("/api/v1/runs").then().statusCode(422).body("error.details.dataset", notNullValue());
        as(alice).get("/api/v1/datasets/alices-data").then().statusCode(200);
        as(alice).get("/api/v1/datasets").then().body("datasets.name", hasItem("alices-data"));
        as(alice).contentType(ContentType.JSON).body(Map.of("strategy_name", "BuyAndHold", "dataset", "alices-data"))
                .post("/api/v1/runs").then().statusCode(201);
        as(Api.adminToken()).get("/api/v1/datasets/alices-data").then().statusCode(200);
        as(alice).delete("/api/v1/datasets/alices-data").then().statusCode(204);
    }

    @Test
    void onlyTheAuthorOfARuleStrategyDeletesIt() {
        String alice = Api.user("rule-alice", "trader");
        String bob = Api.user("rule-bob", "trader");
        as(alice).contentType(ContentType.JSON).body(RuleStrategiesApiTest.smaCrossRule("AlicesRule"))
                .post("/api/v1/strategies").then().statusCode(201);
        as(bob).get("/api/v1/strategies/AlicesRule").then().statusCode(200);
        // The finding: bob deleted it.
        as(bob).delete("/api/v1/strategies/AlicesRule").then().statusCode(403);
        as(bob).get("/api/v1/strategies/AlicesRule").then().statusCode(200);
        as(alice).delete("/api/v1/strategies/AlicesRule").then().statusCode(204);
    }
}
