package io.cracktrader.engine.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each indicator on a few bars whose values are worked out by hand in the comments. */
class HandComputedIndicatorTest {
    static final double EPS = 1e-12;

    @Test
    void exactSumKeepsTiesExact() {
        ExactSum s = new ExactSum();
        s.add(0.1);
        s.add(0.2);
        s.add(-0.1);
        s.add(-0.2);
        assertEquals(0.0, s.value(), 0); // a naive running sum leaves 2.7755575615628914E-17
        s.add(1e100);
        s.add(1.0);
        s.add(-1e100);
        assertEquals(1.0, s.value(), 0);
    }

    @Test
    void smaEmaWma() {
        Sma sma = new Sma(3);
        assertTrue(Double.isNaN(sma.update(1)));
        assertTrue(Double.isNaN(sma.update(2)));
        assertEquals(2, sma.update(3), EPS);   // (1+2+3)/3
        assertEquals(3, sma.update(4), EPS);   // (2+3+4)/3
        Ema ema = new Ema(3);                  // alpha 0.5, seeded with SMA(1,2,3) = 2
        ema.update(1);
        ema.update(2);
        assertEquals(2, ema.update(3), EPS);
        assertEquals(3, ema.update(4), EPS);   // 2 + 0.5 (4 − 2)
        assertEquals(4, ema.update(5), EPS);   // 3 + 0.5 (5 − 3)
        Wma wma = new Wma(3);
        wma.update(1);
        wma.update(2);
        assertEquals(14.0 / 6, wma.update(3), EPS);  // (1·1 + 2·2 + 3·3) / 6
        assertEquals(20.0 / 6, wma.update(4), EPS);  // (1·2 + 2·3 + 3·4) / 6
    }

    @Test
    void demaAndTema() {
        Dema dema = new Dema(2);                // alpha 2/3; E1 seeded SMA(1,2) = 1.5
        dema.update(1);
        assertTrue(Double.isNaN(dema.update(2)));      // E2 needs two E1 values
        // E1: 1.5, then 1.5 + 2/3 (3 − 1.5) = 2.5; E2 = SMA(1.5, 2.5) = 2; DEMA = 2·2.5 − 2 = 3
        assertEquals(3, dema.update(3), EPS);
        Tema tema = new Tema(1);                // alpha 1: every EMA is the value itself
        assertEquals(7, tema.update(7), EPS);
    }

    @Test
    void rsiWilder() {
        Rsi rsi = new Rsi(2);
        rsi.update(1);
        assertTrue(Double.isNaN(rsi.update(2)));                 // one change so far (+1)
        assertEquals(100 - 100 / (1 + 0.5 / 0.25), rsi.update(1.5), EPS); // gains (1, 0), losses (0, .5)
        // next +1: gain (0.5 + 1) / 2 = 0.75, loss (0.25 + 0) / 2 = 0.125, RS 6
        assertEquals(100 - 100 / 7.0, rsi.update(2.5), EPS);
    }

    @Test
    void macdLineSignalHistogram() {
        Macd macd = new Macd(1, 2, 1);          // EMA1 = x; EMA2 seeded SMA of two
        macd.update(10);
        assertEquals(12 - 11, macd.update(12), EPS);      // 12 − (10 + 12) / 2
        assertEquals(1, macd.signal(), EPS);
        assertEquals(0, macd.histogram(), EPS);
        // EMA2: 11 + 2/3 (15 − 11) = 13.6667; line = 15 − 13.6667
        assertEquals(15 - (11 + 2.0 / 3 * 4), macd.update(15), EPS);
    }

    @Test
    void bollingerAndStdDev() {
        BollingerBands bb = new BollingerBands(3, 2);
        bb.update(1);
        bb.update(2);
        assertEquals(2, bb.update(3), EPS);
        double sd = Math.sqrt(2.0 / 3);         // population: ((1)² + 0 + (1)²) / 3
        assertEquals(2 + 2 * sd, bb.upper(), EPS);
        assertEquals(2 - 2 * sd, bb.lower(), EPS);
        StdDev stdDev = new StdDev(2);
        stdDev.update(4);
        assertEquals(1, stdDev.update(6), EPS);
    }

    @Test
    void atrStochasticWilliamsDonchianKeltner() {
        double[][] bars = {{10, 8, 9}, {11, 9, 10}, {13, 10, 11}};
        Atr atr = new Atr(2);
        Stochastic stoch = new Stochastic(3, 1);
        WilliamsR wr = new WilliamsR(3);
        Donchian dc = new Donchian(3);
        double williams = Double.NaN;
        for (double[] b : bars) {
            atr.update(b[0], b[1], b[2]);
            stoch.update(b[0], b[1], b[2]);
            williams = wr.update(b[0], b[1], b[2]);
            dc.update(b[0], b[1]);
        }
        // TR: 2, max(2, |11−9|, |9−9|) = 2 → ATR seed 2; TR3 = max(3, |13−10|, |10−10|) = 3 → 2 + (3 − 2)/2
        Atr again = new Atr(2);
        again.update(10, 8, 9);
        assertEquals(2, again.update(11, 9, 10), EPS);
        assertEquals(2.5, again.update(13, 10, 11), EPS);
        assertEquals(100 * (11 - 8) / 5.0, stoch.k(), EPS);  // (close − LL) / (HH − LL)
        assertEquals(stoch.k(), stoch.d(), EPS);              // %D over one value
        assertEquals(-100 * (13 - 11) / 5.0, williams, EPS);   // −100 (HH − close) / (HH − LL)
        assertEquals(13, dc.upper(), EPS);
        assertEquals(8, dc.lower(), EPS);
        Keltner kc = new Keltner(1, 1, 2);      // EMA1 = close, ATR1 = true range
        kc.update(10, 8, 9);
        assertEquals(9, kc.update(10, 8, 9), EPS);
        assertEquals(9 + 2 * 2, kc.upper(), EPS);
    }

    @Test
    void cciAroonRoc() {
        Cci cci = new Cci(3);                   // TP = 1, 2, 3; SMA 2; mean deviation 2/3
        cci.update(1, 1, 1);
        cci.update(2, 2, 2);
        assertEquals((3 - 2) / (0.015 * (2.0 / 3)), cci.update(3, 3, 3), 1e-9);
        Aroon aroon = new Aroon(2);             // window of 3 bars
        aroon.update(1, 1);
        aroon.update(3, 0.5);
        assertEquals(50, aroon.update(2, 0.8), EPS); // highest high 1 bar ago: 100 (2 − 1) / 2
        assertEquals(50, aroon.down(), EPS);
        assertEquals(0, aroon.oscillator(), EPS);
        RateOfChange roc = new RateOfChange(2);
        roc.update(10);
        roc.update(11);
        assertEquals(21, roc.update(12.1), 1e-9);
        assertEquals(2.1, roc.momentum(), 1e-9);
    }

    @Test
    void volumeIndicators() {
        Obv obv = new Obv();
        assertEquals(0, obv.update(1, 10), EPS);
        assertEquals(20, obv.update(2, 20), EPS);
        assertEquals(-10, obv.update(1, 30), EPS);
        assertEquals(-10, obv.update(1, 40), EPS);
        Vwap vwap = new Vwap(2);
        vwap.update(10, 10, 10, 1);
        assertEquals((10 * 1 + 20 * 3) / 4.0, vwap.update(20, 20, 20, 3), EPS);
        assertEquals((20 * 3 + 30 * 1) / 4.0, vwap.update(30, 30, 30, 1), EPS);
        Mfi mfi = new Mfi(2);                   // TP 10, 11 (up, flow 11), 10.5 (down, flow 21)
        mfi.update(10, 10, 10, 1);
        mfi.update(11, 11, 11, 1);
        assertEquals(100 - 100 / (1 + 11.0 / 21), mfi.update(10.5, 10.5, 10.5, 2), EPS);
    }

    @Test
    void ichimokuLines() {
        Ichimoku ichimoku = new Ichimoku(2, 3, 4);
        ichimoku.update(10, 8);
        ichimoku.update(12, 9);
        ichimoku.update(11, 7);
        ichimoku.update(13, 10);
        assertEquals((13 + 7) / 2.0, ichimoku.tenkan(), EPS);  // last 2 bars: HH 13, LL 7
        assertEquals((13 + 7) / 2.0, ichimoku.kijun(), EPS);   // last 3 bars: HH 13, LL 7
        assertEquals((13 + 7) / 2.0, ichimoku.senkouB(), EPS); // last 4 bars: HH 13, LL 7
        assertEquals(10, ichimoku.senkouA(), EPS);
    }

    @Test
    void parabolicSarStaysOutsideThePriceAndReverses() {
        ParabolicSar sar = new ParabolicSar(0.02, 0.2);
        sar.update(10, 9);
        assertEquals(9, sar.update(11, 10), EPS);     // starts long at the lower low
        assertTrue(sar.isLong());
        // AF 0.02 toward the extreme 11: 9 + 0.02 (11 − 9) = 9.04, capped by the prior two lows (9)
        assertEquals(9, sar.update(12, 10.5), EPS);
        double s = sar.update(8, 7);                  // low below the SAR: reverse to short at the extreme 12
        assertTrue(!sar.isLong());
        assertEquals(12, s, EPS);
    }

    @Test
    void rollingWindowExtremes() {
        RollingWindow w = new RollingWindow(3);
        double[] xs = {5, 1, 4, 2, 8, 3, 3};
        double[] max = {5, 5, 5, 4, 8, 8, 8};
        double[] min = {5, 1, 1, 1, 2, 2, 3};
        for (int i = 0; i < xs.length; i++) {
            w.add(xs[i]);
            assertEquals(max[i], w.max(), "max at " + i);
            assertEquals(min[i], w.min(), "min at " + i);
        }
    }
}
