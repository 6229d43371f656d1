package io.cracktrader.rest;

import static io.cracktrader.rest.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security finding 2: a share cannot escalate. Someone a strategy is shared with may pass on only the
 * rights they hold, never {@code share} itself, and cannot change their own grant or a grant wider
 * than theirs; only the owner (or the administrator) decides who may share.
 */
@QuarkusTest
class SharingEscalationTest {
    @BeforeAll
    static void configure() {
        Api.configure();
    }

    private static io.restassured.response.Response share(String token, String strategy, String user, List<String> perms) {
        return as(token).contentType(ContentType.JSON).body(Map.of("username", user, "permissions", perms))
                .post("/api/strategies/" + strategy + "/share");
    }

    private static String alice() {
        return Api.user("share-alice", "trader");
    }

    private static String bob() {
        return Api.user("share-bob", "trader");
    }

    @Test
    void aShareHolderCannotWidenTheirOwnGrantOrPassOnMoreThanTheyHold() {
        String carol = Api.user("share-carol", "trader");
        bob();
        String id = as(alice()).contentType(ContentType.JSON).body(Map.of("name", "Escalation target",
                "category", "trend_following")).post("/api/strategies").then().statusCode(201).extract().path("id");
        share(alice(), id, "share-bob", List.of("read", "share")).then().statusCode(200);
        // The finding: bob granted himself everything, then deleted alice's strategy.
        share(bob(), id, "share-bob", List.of("read", "share", "write", "delete", "execute")).then().statusCode(422)
                .body("error.details", hasKey("username"));
        share(bob(), id, "share-carol", List.of("read", "delete")).then().statusCode(422)
                .body("error.details", hasKey("permissions"));
        share(bob(), id, "share-carol", List.of("read", "share")).then().statusCode(422)
                .body("error.details", hasKey("permissions"));
        share(bob(), id, "share-carol", List.of("read")).then().statusCode(200);
        as(bob()).delete("/api/strategies/" + id).then().statusCode(403);
        as(alice()).get("/api/strategies/" + id).then().statusCode(200);
        // A grant wider than bob's is not his to change: he may not take alice's grant to carol away.
        share(alice(), id, "share-carol", List.of("read", "write")).then().statusCode(200);
        share(bob(), id, "share-carol", List.of()).then().statusCode(403);
        as(carol).get("/api/strategies/" + id).then().statusCode(200)
                .body("strategy.permissions", contains("read", "write"));
    }
}
