package io.cracktrader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.broker.FillLog;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Same inputs, bit-identical outputs: every fill and every equity point, for every built-in strategy. */
class DeterminismTest {

    @Test
    void repeatedRunsAreBitIdentical() {
        long from = 1_690_000_000_000L;
        StrategyCatalog catalog = new StrategyCatalog();
        for (StrategyType type : catalog.all()) {
            TradingLoop a = run(type, from);
            TradingLoop b = run(type, from);
            FillLog fa = a.broker().fills();
            FillLog fb = b.broker().fills();
            assertEquals(fa.count(), fb.count(), type.name());
            for (int i = 0; i < fa.count(); i++) {
                assertEquals(Double.doubleToRawLongBits(fa.price(i)), Double.doubleToRawLongBits(fb.price(i)));
                assertEquals(Double.doubleToRawLongBits(fa.size(i)), Double.doubleToRawLongBits(fb.size(i)));
                assertEquals(Double.doubleToRawLongBits(fa.pnl(i)), Double.doubleToRawLongBits(fb.pnl(i)));
            }
            for (int i = 0; i < a.equity().size(); i++) {
                assertEquals(Double.doubleToRawLongBits(a.equity().value(i)), Double.doubleToRawLongBits(b.equity().value(i)));
            }
        }
    }

    private static TradingLoop run(StrategyType type, long from) {
        // a fresh market and strategy each time: nothing is shared between the two runs
        BarSeries bars = new SyntheticMarket("ADA/USDT").bars(Timeframe.M30, from, from + 3000 * 1_800_000L, null);
        return Backtest.run(bars, type.create(type.resolve(Map.of())), 10_000, 0.001, 0.0005, FillListener.NONE,
                new RunControl());
    }
}
