package io.cracktrader.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ticker and OHLCV of 03 in the documented shapes; an unreachable exchange is an error, never invented data. */
@QuarkusTest
class MarketApiTest {

    @BeforeAll
    static void login() {
        Api.configure();
    }

    @Test
    void tickerOfTheSimulatedExchange() {
        JsonPath t = given().get("/api/market/ticker/BTC/USDT").then().statusCode(200).extract().jsonPath();
        assertEquals("BTC/USDT", t.getString("symbol"));
        for (String field : List.of("last", "bid", "ask", "volume", "change")) {
            assertTrue(t.getDouble(field) == t.getDouble(field), field); // present and a number
        }
        assertTrue(t.getDouble("bid") < t.getDouble("last") && t.getDouble("last") < t.getDouble("ask"));
        assertEquals(true, t.getBoolean("simulated"));
        given().get("/api/market/ticker/eth-usdt").then().statusCode(200).body("symbol", equalTo("ETH/USDT"));
    }

    @Test
    void ohlcvRowsAreEpochMillisAndFivePrices() {
        JsonPath o = given().queryParam("timeframe", "1h").queryParam("limit", 24).get("/api/market/ohlcv/BTC/USDT")
                .then().statusCode(200).extract().jsonPath();
        List<List<Number>> rows = o.getList("data");
        assertEquals(24, rows.size());
        long step = 3_600_000L;
        for (int i = 0; i < rows.size(); i++) {
            List<Number> r = rows.get(i);
            assertEquals(6, r.size());
            assertEquals(0, r.get(0).longValue() % step);
            if (i > 0) {
                assertEquals(step, r.get(0).longValue() - rows.get(i - 1).get(0).longValue());
            }
            double open = r.get(1).doubleValue(), high = r.get(2).doubleValue(), low = r.get(3).doubleValue(),
                    close = r.get(4).doubleValue();
            assertTrue(low <= Math.min(open, close) && high >= Math.max(open, close), "a consistent candle");
        }
        assertTrue(rows.get(rows.size() - 1).get(0).longValue() + step <= System.currentTimeMillis(), "closed candles only");
        given().get("/api/market/ohlcv/BTC/USDT").then().statusCode(200).body("data.size()", equalTo(100));
    }

    @Test
    void badInputIs422AndAnUnreachableExchange502() {
        given().queryParam("timeframe", "2h").queryParam("limit", 0).get("/api/market/ohlcv/BTC/USDT").then()
                .statusCode(422).body("error.details", hasKey("timeframe")).body("error.details", hasKey("limit"));
        given().get("/api/market/ticker/bitcoin").then().statusCode(422).body("error.details", hasKey("symbol"));
        given().queryParam("exchange", "nowhere").get("/api/market/ticker/BTC/USDT").then().statusCode(422)
                .body("error.details", hasKey("exchange"));
        // The test profile points Binance at a closed port.
        given().queryParam("exchange", "binance").get("/api/market/ticker/BTC/USDT").then().statusCode(anyOf(is(502), is(503)))
                .body("error.code", equalTo("EXTERNAL_SERVICE_ERROR"));
        given().queryParam("exchange", "binance").get("/api/market/ohlcv/BTC/USDT").then().statusCode(anyOf(is(502), is(503)))
                .body("error.code", equalTo("EXTERNAL_SERVICE_ERROR"));
    }
}
