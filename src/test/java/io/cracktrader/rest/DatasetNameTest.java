package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 4: a dataset name is checked on every path, not only on import, and a file outside
 * the datasets directory is never read, deleted or traded: such names are simply not datasets (404,
 * or 422 naming the field), never a 500.
 */
@QuarkusTest
class DatasetNameTest {
    @BeforeAll
    static void configure() {
        Api.configure();
    }

    @Test
    void namesThatLeaveTheDatasetsDirectoryAreNotDatasets() throws Exception {
        String csv = "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n"
                + "2024-01-01T01:00:00Z,1.5,2,1,1.8,12\n2024-01-01T02:00:00Z,1.8,2.2,1.6,2,9\n";
        given().contentType("text/csv").body(csv).queryParam("name", "confined").post("/api/v1/datasets").then()
                .statusCode(201);
        // A real dataset file, placed beside (not inside) the datasets directory.
        Path dataDir = Path.of(ConfigProvider.getConfig().getValue("cracktrader.data-dir", String.class));
        Path outside = dataDir.resolve("escaped.bars");
        Files.copy(dataDir.resolve("datasets/confined.bars"), outside, StandardCopyOption.REPLACE_EXISTING);
        for (String name : List.of("..%2Fescaped", "..%2F..%2F" + dataDir.getFileName() + "%2Fescaped", "x%01y",
                "%2Fetc%2Fpasswd", "..")) {
            given().urlEncodingEnabled(false).get("/api/v1/datasets/" + name).then().statusCode(404)
                    .body("error.code", is("NOT_FOUND"));
            given().urlEncodingEnabled(false).delete("/api/v1/datasets/" + name).then().statusCode(404);
        }
        assertTrue(Files.exists(outside), "a file outside the datasets directory is never deleted");
        // A NUL is refused before any lookup (HostileInputTest); other control characters reach the
        // lookup, and the hostile DELETE is audited with them kept readable.
        given().urlEncodingEnabled(false).delete("/api/v1/datasets/x%00y").then().statusCode(400);
        await().atMost(Duration.ofSeconds(5)).until(() -> given().queryParam("limit", 200).get("/api/audit").then()
                .extract().jsonPath().getList("entries.path", String.class).stream()
                .anyMatch(p -> p.contains("x\uFFFDy")));
        given().contentType("application/json").body(Map.of("strategy_name", "BuyAndHold", "dataset", "../escaped"))
                .post("/api/v1/runs").then().statusCode(422).body("error.details.dataset", org.hamcrest.Matchers.notNullValue());
    }
}
