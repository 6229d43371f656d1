package io.cracktrader.engine.strategy;

import io.cracktrader.engine.catalog.StrategyCatalog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.engine.Backtest;
import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.TradingLoop;
import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.broker.FillLog;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.indicator.Macd;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue's strategies on hand-made price paths: which bars they enter and leave on. */
class BuiltInStrategiesTest {

    /** Bars whose open, high, low and close all equal the given closes, one a day. */
    static BarSeries closes(double... closes) {
        BarSeries bars = new BarSeries("TEST/USD", Timeframe.D1, closes.length);
        for (int i = 0; i < closes.length; i++) {
            bars.append(i * 86_400_000L, closes[i], closes[i], closes[i], closes[i], 1);
        }
        return bars;
    }

    static FillLog run(BarSeries bars, Strategy strategy) {
        return Backtest.run(bars, strategy, 10_000, 0, 0, FillListener.NONE, new RunControl()).broker().fills();
    }

    static void assertFill(FillLog fills, int i, byte side, int bar) {
        assertEquals(side, fills.side(i), "side of fill " + i);
        assertEquals(bar * 86_400_000L, fills.time(i), "bar of fill " + i);
    }

    @Test
    void buyAndHoldEntersOnceAtTheSecondOpen() {
        TradingLoop loop = Backtest.run(closes(10, 11, 12), new BuyAndHold(), 10_000, 0, 0, FillListener.NONE,
                new RunControl());
        assertEquals(1, loop.broker().fills().count());
        assertFill(loop.broker().fills(), 0, FillLog.BUY, 1);
        assertEquals(10_000.0 / 11 * 12, loop.lastValue(), 1e-9);
    }

    @Test
    void rsiMeanReversion() {
        // RSI(2): after 10, 9, 8 only losses → 0 < 30: enter at bar 3's open; rising closes lift it past 70.
        FillLog fills = run(closes(10, 9, 8, 9, 10, 11, 12), new RsiMeanReversion(2, 30, 70));
        assertFill(fills, 0, FillLog.BUY, 3);
        // bar 3 (+1): gains 0.5, losses 0.5 → 50; bar 4 (+1): 0.75 / 0.25 → 75 > 70: exit at bar 5's open
        assertFill(fills, 1, FillLog.SELL, 5);
        assertEquals(2, fills.count());
    }

    @Test
    void bollingerBreakout() {
        // bar 3: SMA(10, 10, 13) = 11, σ = √2, upper 12.41 < 13 → enter at bar 4's open;
        // bar 4: middle (10 + 13 + 12) / 3 = 11.67 < 12, hold; bar 5: middle 12.33 > 12 → exit at bar 6's open
        FillLog fills = run(closes(10, 10, 10, 13, 12, 12, 10, 10), new BollingerBreakout(3, 1));
        assertFill(fills, 0, FillLog.BUY, 4);
        assertFill(fills, 1, FillLog.SELL, 6);
        assertEquals(2, fills.count());
    }

    @Test
    void donchianBreakoutExcludesTheCurrentBar() {
        // bar 3: 12 > max(11, 10.5) → enter at 4; bar 5: 10 < min(12, 11.5) → exit at 6
        FillLog fills = run(closes(10, 11, 10.5, 12, 11.5, 10, 10), new DonchianBreakout(2, 2));
        assertFill(fills, 0, FillLog.BUY, 4);
        assertFill(fills, 1, FillLog.SELL, 6);
        assertEquals(2, fills.count());
    }

    @Test
    void macdMomentumTradesExactlyOnSignalCrosses() {
        long from = 1_700_000_000_000L;
        BarSeries bars = new SyntheticMarket("BTC/USDT").bars(Timeframe.H1, from, from + 2000 * 3_600_000L, null);
        FillLog fills = run(bars, new MacdMomentum(12, 26, 9));
        // Recompute the crosses independently and check every fill sits on the bar after one.
        Macd macd = new Macd(12, 26, 9);
        int lastSign = 0;
        boolean[] crossUp = new boolean[bars.size()];
        boolean[] crossDown = new boolean[bars.size()];
        for (int i = 0; i < bars.size(); i++) {
            macd.update(bars.close(i));
            double h = macd.histogram();
            int sign = Double.isNaN(h) || h == 0 ? 0 : (h > 0 ? 1 : -1);
            if (sign != 0) {
                crossUp[i] = lastSign < 0 && sign > 0;
                crossDown[i] = lastSign > 0 && sign < 0;
                lastSign = sign;
            }
        }
        assertTrue(fills.count() > 20, "trades on 2,000 bars");
        for (int f = 0; f < fills.count(); f++) {
            int signalBar = (int) ((fills.time(f) - from) / 3_600_000L) - 1;
            assertTrue(fills.side(f) == FillLog.BUY ? crossUp[signalBar] : crossDown[signalBar], "fill " + f);
            assertEquals(f % 2 == 0 ? FillLog.BUY : FillLog.SELL, fills.side(f));
        }
    }

    @Test
    void catalogueValidatesCrossParameterRules() {
        StrategyCatalog catalog = new StrategyCatalog();
        assertEquals(7, catalog.all().size());
        Map<String, Object> macd = catalog.find("MacdMomentum").resolve(Map.of("fast_period", 30));
        assertTrue(catalog.find("MacdMomentum").crossCheck(macd).containsKey("fast_period"));
        Map<String, Object> rsi = catalog.find("RsiMeanReversion").resolve(Map.of("oversold", 80.0));
        assertTrue(catalog.find("RsiMeanReversion").crossCheck(rsi).containsKey("oversold"));
        assertTrue(catalog.find("BuyAndHold").validate(Map.of("period", 3)).containsKey("period"));
    }
}
