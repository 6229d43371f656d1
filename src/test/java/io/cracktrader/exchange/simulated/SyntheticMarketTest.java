package io.cracktrader.exchange.simulated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyntheticMarketTest {
    static final long JAN = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long APR = Instant.parse("2024-04-01T00:00:00Z").toEpochMilli();

    @Test
    void sameSymbolSamePricesWhateverTheRange() {
        BarSeries full = new SyntheticMarket("BTC/USDT").bars(Timeframe.H1, JAN, APR, null);
        BarSeries part = new SyntheticMarket("BTC/USDT").bars(Timeframe.H1, JAN + 100 * 3_600_000L, APR, null);
        assertEquals(91 * 24, full.size());
        for (int i = 0; i < part.size(); i++) {
            assertEquals(full.time(i + 100), part.time(i));
            assertEquals(full.close(i + 100), part.close(i));
            assertEquals(full.high(i + 100), part.high(i));
        }
    }

    @Test
    void barsAreValidAndTimeframesAgree() {
        BarSeries hours = new SyntheticMarket("ETH/USDT").bars(Timeframe.H1, JAN, APR, null);
        BarSeries quarters = new SyntheticMarket("ETH/USDT").bars(Timeframe.M15, JAN, APR, null);
        for (int i = 0; i < hours.size(); i++) {
            assertTrue(hours.low(i) <= Math.min(hours.open(i), hours.close(i)));
            assertTrue(hours.high(i) >= Math.max(hours.open(i), hours.close(i)));
            assertTrue(hours.volume(i) > 0);
            assertEquals(hours.open(i), quarters.open(4 * i));
            assertEquals(hours.close(i), quarters.close(4 * i + 3));
        }
    }

    @Test
    void behavesLikeAMarket() {
        BarSeries h = new SyntheticMarket("BTC/USDT").bars(Timeframe.H1, JAN, APR, null);
        double sum = 0;
        double sumSq = 0;
        int n = h.size() - 1;
        for (int i = 1; i <= n; i++) {
            double r = Math.log(h.close(i) / h.close(i - 1));
            sum += r;
            sumSq += r * r;
        }
        double hourly = Math.sqrt(sumSq / n - (sum / n) * (sum / n));
        // Roughly 20–150 % a year when annualised, like a crypto asset.
        double annual = hourly * Math.sqrt(8760);
        assertTrue(annual > 0.2 && annual < 1.5, "annualised volatility " + annual);
        assertTrue(h.close(0) > 10_000 && h.close(0) < 200_000, "BTC price " + h.close(0));
        assertNotEquals(h.close(0), new SyntheticMarket("ETH/USDT").bars(Timeframe.H1, JAN, APR, null).close(0));
    }
}
