package io.cracktrader.engine.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.DoubleEMAIndicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.TripleEMAIndicator;
import org.ta4j.core.indicators.WMAIndicator;
import org.ta4j.core.indicators.WilliamsRIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.aroon.AroonDownIndicator;
import org.ta4j.core.indicators.aroon.AroonUpIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelLowerIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuKijunSenIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuTenkanSenIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelMiddleIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.MoneyFlowIndexIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;

/**
 * Every indicator ta4j 0.17 also has, on 3,000 synthetic hourly bars, against ta4j with exact
 * decimals. Where the two seed recursive averages differently (ta4j starts an EMA at the first value,
 * we at the SMA of the first period), values are compared once the seed has decayed: from bar 600 on,
 * to 1e-8 relative.
 */
class Ta4jCrossCheckTest {
    static final int BARS = 3000;
    static final int FROM = 600;
    static BarSeries bars;
    static org.ta4j.core.BarSeries ta4j;

    @BeforeAll
    static void series() {
        long start = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
        bars = new SyntheticMarket("ETH/USDT").bars(Timeframe.H1, start, start + BARS * 3_600_000L, null);
        ta4j = new BaseBarSeriesBuilder().withNumTypeOf(DecimalNum.class).build();
        for (int i = 0; i < bars.size(); i++) {
            ta4j.addBar(Instant.ofEpochMilli(bars.time(i) + 3_600_000).atZone(ZoneOffset.UTC), bars.open(i),
                    bars.high(i), bars.low(i), bars.close(i), bars.volume(i));
        }
    }

    /** Feeds every bar to {@code ours} and compares with {@code theirs} from {@link #FROM}. */
    static void agree(String name, IntToDoubleFunction ours, Indicator<Num> theirs) {
        int compared = 0;
        for (int i = 0; i < bars.size(); i++) {
            double mine = ours.applyAsDouble(i);
            if (i < FROM) {
                continue;
            }
            double reference = theirs.getValue(i).doubleValue();
            assertFalse(Double.isNaN(mine), name + " is NaN at " + i);
            // 1e-8 relative; 1e-7 absolute for oscillators near zero (ta4j guards some divisions with an epsilon)
            assertEquals(reference, mine, 1e-8 * Math.abs(reference) + 1e-7, name + " at bar " + i);
            compared++;
        }
        assertEquals(bars.size() - FROM, compared);
    }

    static ClosePriceIndicator close() {
        return new ClosePriceIndicator(ta4j);
    }

    @Test
    void movingAverages() {
        Sma sma = new Sma(20);
        agree("SMA", i -> sma.update(bars.close(i)), new SMAIndicator(close(), 20));
        Ema ema = new Ema(20);
        agree("EMA", i -> ema.update(bars.close(i)), new EMAIndicator(close(), 20));
        Wma wma = new Wma(20);
        agree("WMA", i -> wma.update(bars.close(i)), new WMAIndicator(close(), 20));
        Dema dema = new Dema(20);
        agree("DEMA", i -> dema.update(bars.close(i)), new DoubleEMAIndicator(close(), 20));
        Tema tema = new Tema(20);
        agree("TEMA", i -> tema.update(bars.close(i)), new TripleEMAIndicator(close(), 20));
    }

    @Test
    void oscillators() {
        Rsi rsi = new Rsi(14);
        agree("RSI", i -> rsi.update(bars.close(i)), new RSIIndicator(close(), 14));
        Macd macd = new Macd(12, 26, 9);
        agree("MACD", i -> macd.update(bars.close(i)), new MACDIndicator(close(), 12, 26));
        Macd macdSignal = new Macd(12, 26, 9);
        agree("MACD signal", i -> {
            macdSignal.update(bars.close(i));
            return macdSignal.signal();
        }, new EMAIndicator(new MACDIndicator(close(), 12, 26), 9));
        Stochastic stochastic = new Stochastic(14, 3);
        agree("Stochastic %K", i -> stochastic.update(bars.high(i), bars.low(i), bars.close(i)),
                new StochasticOscillatorKIndicator(ta4j, 14));
        Cci cci = new Cci(20);
        agree("CCI", i -> cci.update(bars.high(i), bars.low(i), bars.close(i)), new CCIIndicator(ta4j, 20));
        WilliamsR wr = new WilliamsR(14);
        agree("Williams %R", i -> wr.update(bars.high(i), bars.low(i), bars.close(i)), new WilliamsRIndicator(ta4j, 14));
        RateOfChange roc = new RateOfChange(12);
        agree("ROC", i -> roc.update(bars.close(i)), new ROCIndicator(close(), 12));
        Aroon aroonUp = new Aroon(25);
        agree("Aroon up", i -> aroonUp.update(bars.high(i), bars.low(i)), new AroonUpIndicator(ta4j, 25));
        Aroon aroonDown = new Aroon(25);
        agree("Aroon down", i -> {
            aroonDown.update(bars.high(i), bars.low(i));
            return aroonDown.down();
        }, new AroonDownIndicator(ta4j, 25));
    }

    @Test
    void volatilityAndTrend() {
        StdDev sd = new StdDev(20);
        agree("StdDev", i -> sd.update(bars.close(i)), new StandardDeviationIndicator(close(), 20));
        BollingerBands bb = new BollingerBands(20, 2);
        BollingerBandsMiddleIndicator mid = new BollingerBandsMiddleIndicator(new SMAIndicator(close(), 20));
        agree("Bollinger upper", i -> {
            bb.update(bars.close(i));
            return bb.upper();
        }, new BollingerBandsUpperIndicator(mid, new StandardDeviationIndicator(close(), 20), ta4j.numOf(2)));
        Atr atr = new Atr(14);
        agree("ATR", i -> atr.update(bars.high(i), bars.low(i), bars.close(i)), new ATRIndicator(ta4j, 14));
        Adx di = new Adx(14);
        agree("+DI", i -> {
            di.update(bars.high(i), bars.low(i), bars.close(i));
            return di.plusDi();
        }, new PlusDIIndicator(ta4j, 14));
        Adx di2 = new Adx(14);
        agree("-DI", i -> {
            di2.update(bars.high(i), bars.low(i), bars.close(i));
            return di2.minusDi();
        }, new MinusDIIndicator(ta4j, 14));
        Adx adx = new Adx(14);
        agree("ADX", i -> adx.update(bars.high(i), bars.low(i), bars.close(i)), new ADXIndicator(ta4j, 14));
        Donchian dc = new Donchian(20);
        agree("Donchian upper", i -> {
            dc.update(bars.high(i), bars.low(i));
            return dc.upper();
        }, new DonchianChannelUpperIndicator(ta4j, 20));
        Donchian dcLow = new Donchian(20);
        agree("Donchian lower", i -> {
            dcLow.update(bars.high(i), bars.low(i));
            return dcLow.lower();
        }, new DonchianChannelLowerIndicator(ta4j, 20));
        Keltner kc = new Keltner(20, 10, 2);
        agree("Keltner middle", i -> kc.update(bars.high(i), bars.low(i), bars.close(i)),
                new KeltnerChannelMiddleIndicator(ta4j, 20));
        Ichimoku ichimoku = new Ichimoku(9, 26, 52);
        agree("Ichimoku tenkan", i -> ichimoku.update(bars.high(i), bars.low(i)), new IchimokuTenkanSenIndicator(ta4j, 9));
        Ichimoku ichimoku2 = new Ichimoku(9, 26, 52);
        agree("Ichimoku kijun", i -> {
            ichimoku2.update(bars.high(i), bars.low(i));
            return ichimoku2.kijun();
        }, new IchimokuKijunSenIndicator(ta4j, 26));
    }

    @Test
    void volume() {
        Obv obv = new Obv();
        agree("OBV", i -> obv.update(bars.close(i), bars.volume(i)), new OnBalanceVolumeIndicator(ta4j));
        Vwap vwap = new Vwap(20);
        agree("VWAP", i -> vwap.update(bars.high(i), bars.low(i), bars.close(i), bars.volume(i)), new VWAPIndicator(ta4j, 20));
        Mfi mfi = new Mfi(14);
        agree("MFI", i -> mfi.update(bars.high(i), bars.low(i), bars.close(i), bars.volume(i)),
                new MoneyFlowIndexIndicator(ta4j, 14));
    }
}
