package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the API tests: request bodies and waiting for a run to settle. */
public final class Api {
    private Api() {
    }

    static {
        // Read JSON numbers as doubles: floats would lose the precision the accounting checks need.
        io.restassured.RestAssured.config = io.restassured.config.RestAssuredConfig.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig()
                        .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** The administrator the test profile creates (see application.properties and PackagedAppConfig). */
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-test-password";
    /** The token signing key of the test profile and of PackagedAppConfig, so tests can mint tokens. */
    static final String JWT_SECRET = "dGVzdC1vbmx5LXNpZ25pbmcta2V5LWZvci10aGUtdGVzdC1wcm9maWxlLTQ4Ynl0ZXMh";

    /**
     * Loads this class, and with it the JSON number settings, and logs in as the administrator: every
     * request of the calling test class carries that token. Call from each test class's @BeforeAll.
     */
    public static void configure() {
        adminToken = null;
        USER_TOKENS.clear();
        // Logs in on first use: REST Assured learns the application's port only just before each test.
        io.restassured.RestAssured.replaceFiltersWith((request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization") && !request.getURI().contains("/api/auth/login")
                    && !request.getURI().contains("/api/auth/refresh")) {
                request.header("Authorization", "Bearer " + adminToken());
            }
            return context.next(request, response);
        });
    }

    private static volatile String adminToken;

    /** Sends a request without the administrator's token (for anonymous and other users' calls). */
    public static io.restassured.specification.RequestSpecification as(String token) {
        return given().header("Authorization", token == null ? "" : "Bearer " + token);
    }

    /** An access token for the user. */
    public static String login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
    }

    private static final Map<String, String> USER_TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * An access token of the user (password: the name and "-password"), created on first use with the
     * role; the same token for the rest of the test class.
     */
    public static String user(String username, String role) {
        return USER_TOKENS.computeIfAbsent(username, name -> {
            post("/api/users", Map.of("username", name, "password", name + "-password", "role", role));
            return login(name, name + "-password");
        });
    }

    /** The current admin token, for clients other than REST Assured (WebSockets, HTTP clients). */
    public static String adminToken() {
        if (adminToken == null) {
            adminToken = login(ADMIN, ADMIN_PASSWORD);
        }
        return adminToken;
    }

    /** The 01 example: MovingAverageCross on BTC/USDT 1h, January to March 2024 (simulated data). */
    static Map<String, Object> maCrossExample() {
        return Map.of("strategy_name", "MovingAverageCross",
                "strategy_params", Map.of("fast_period", 10, "slow_period", 30, "printlog", true),
                "symbols", List.of("BTC/USDT"), "timeframe", "1h",
                "start_date", "2024-01-01T00:00:00Z", "end_date", "2024-03-01T23:59:59Z",
                "initial_cash", 10000.0);
    }

    /** The 02 example with defaults: TestStrategy on BTC/USDT 1h. */
    public static Map<String, Object> testStrategyExample() {
        return Map.of("strategy_name", "TestStrategy", "symbols", List.of("BTC/USDT"), "timeframe", "1h",
                "initial_cash", 10000.0);
    }

    /** A backtest over millions of one-minute bars: it takes many seconds, long enough to stop. */
    static Map<String, Object> longBacktest() {
        return Map.of("strategy_name", "MovingAverageCross", "symbols", List.of("ETH/USDT"), "timeframe", "1m",
                "start_date", "2012-01-01T00:00:00Z", "end_date", "2024-01-01T00:00:00Z");
    }

    public static Response post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path);
    }

    static void reset() {
        given().when().delete("/api/v1/run/reset").then().statusCode(200);
    }

    /** Waits until the run leaves starting/running and returns its final status. */
    public static String awaitRunEnd(String runId) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            String status = given().get("/api/v1/runs/" + runId).then().statusCode(200).extract().path("status");
            return !"starting".equals(status) && !"running".equals(status);
        });
        return given().get("/api/v1/runs/" + runId).then().extract().path("status");
    }

    static void awaitStatus(String runId, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                expected.equals(given().get("/api/v1/runs/" + runId).then().extract().path("status")));
    }
}
