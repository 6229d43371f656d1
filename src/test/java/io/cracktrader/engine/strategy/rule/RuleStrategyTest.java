package io.cracktrader.engine.strategy.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.engine.Backtest;
import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.broker.FillLog;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.CsvBars;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.strategy.MacdMomentum;
import io.cracktrader.engine.strategy.MovingAverageCross;
import io.cracktrader.engine.strategy.RsiMeanReversion;
import io.cracktrader.engine.strategy.Strategy;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleStrategyTest {
    static final Map<String, Object> SMA_CROSS = Map.of(
            "entry", Map.of("cross_above", List.of(Map.of("indicator", "sma", "period", 10), Map.of("indicator", "sma", "period", 30))),
            "exit", Map.of("cross_below", List.of(Map.of("indicator", "sma", "period", 10), Map.of("indicator", "sma", "period", 30))));

    static FillLog fills(BarSeries bars, Strategy strategy) {
        return Backtest.run(bars, strategy, 10_000, 0.001, 0, FillListener.NONE, new RunControl()).broker().fills();
    }

    static void assertSameFills(FillLog expected, FillLog actual) {
        assertEquals(expected.count(), actual.count(), "fill count");
        for (int i = 0; i < expected.count(); i++) {
            assertEquals(expected.time(i), actual.time(i), "time of fill " + i);
            assertEquals(expected.side(i), actual.side(i), "side of fill " + i);
            assertEquals(expected.price(i), actual.price(i), 0, "price of fill " + i);
            assertEquals(expected.size(i), actual.size(i), 0, "size of fill " + i);
        }
    }

    static BarSeries synthetic() {
        long from = 1_600_000_000_000L;
        return new SyntheticMarket("BTC/USDT").bars(Timeframe.H1, from, from + 5000 * 3_600_000L, null);
    }

    @Test
    void smaCrossRulesTradeExactlyLikeTheBuiltIn() throws Exception {
        BarSeries bars = synthetic();
        assertSameFills(fills(bars, new MovingAverageCross(10, 30, 0, 0, 0)), fills(bars, RuleCompiler.compile(SMA_CROSS)));
        Path orcl = Path.of("../shared/data/orcl-1995-2014-1d.csv");
        if (Files.exists(orcl)) {
            BarSeries o;
            try (Reader r = Files.newBufferedReader(orcl)) {
                o = CsvBars.read(r, "ORCL", Timeframe.D1);
            }
            FillLog rules = fills(o, RuleCompiler.compile(SMA_CROSS));
            assertSameFills(fills(o, new MovingAverageCross(10, 30, 0, 0, 0)), rules);
            assertEquals(195, rules.count()); // the reference: 97 round trips and the open position
        }
    }

    @Test
    void rsiAndMacdRulesTradeLikeTheirBuiltIns() {
        BarSeries bars = synthetic();
        Map<String, Object> rsi = Map.of(
                "entry", Map.of("lt", List.of(Map.of("indicator", "rsi", "period", 14), 30)),
                "exit", Map.of("gt", List.of(Map.of("indicator", "rsi", "period", 14), 70)));
        assertSameFills(fills(bars, new RsiMeanReversion(14, 30, 70)), fills(bars, RuleCompiler.compile(rsi)));
        Map<String, Object> line = Map.of("indicator", "macd", "output", "line");
        Map<String, Object> signal = Map.of("indicator", "macd", "output", "signal");
        Map<String, Object> macd = Map.of(
                "entry", Map.of("cross_above", List.of(line, signal)),
                "exit", Map.of("cross_below", List.of(line, signal)));
        assertSameFills(fills(bars, new MacdMomentum(12, 26, 9)), fills(bars, RuleCompiler.compile(macd)));
    }

    @Test
    void combinatorsEvaluateEveryPartEveryBar() {
        // "and" with a cross in its second part: the cross must see every bar even when the first part is false.
        BarSeries bars = synthetic();
        Map<String, Object> withTrue = Map.of(
                "entry", Map.of("and", List.of(Map.of("gt", List.of(1, 0)), SMA_CROSS.get("entry"))),
                "exit", Map.of("or", List.of(Map.of("lt", List.of(1, 0)), SMA_CROSS.get("exit"))));
        assertSameFills(fills(bars, RuleCompiler.compile(SMA_CROSS)), fills(bars, RuleCompiler.compile(withTrue)));
        Map<String, Object> never = Map.of("entry", Map.of("not", Map.of("gte", List.of(Map.of("price", "close"), 0))),
                "exit", Map.of("gt", List.of(1, 0)));
        assertEquals(0, fills(bars, RuleCompiler.compile(never)).count());
    }

    @Test
    void errorsNameTheBadNode() {
        assertPath("entry", Map.of("exit", Map.of("gt", List.of(1, 0))));
        assertPath("entry.and[1].cross_above[0].period", Map.of(
                "entry", Map.of("and", List.of(Map.of("gt", List.of(1, 0)),
                        Map.of("cross_above", List.of(Map.of("indicator", "sma", "period", 0), 5)))),
                "exit", Map.of("gt", List.of(1, 0))));
        assertPath("exit.lt[0].indicator", Map.of("entry", Map.of("gt", List.of(1, 0)),
                "exit", Map.of("lt", List.of(Map.of("indicator", "nope"), 1))));
        assertPath("exit", Map.of("entry", Map.of("gt", List.of(1, 0)), "exit", Map.of("xor", List.of())));
        assertPath("entry.gt", Map.of("entry", Map.of("gt", List.of(1)), "exit", Map.of("gt", List.of(1, 0))));
        assertPath("entry.gt[1].price", Map.of("entry", Map.of("gt", List.of(1, Map.of("price", "mid"))),
                "exit", Map.of("gt", List.of(1, 0))));
        assertPath("entry.gt[0].output", Map.of("entry", Map.of("gt", List.of(Map.of("indicator", "macd", "output", "x"), 0)),
                "exit", Map.of("gt", List.of(1, 0))));
        assertPath("entry.gt[0].fast", Map.of("entry", Map.of("gt", List.of(Map.of("indicator", "macd", "fast", 30), 0)),
                "exit", Map.of("gt", List.of(1, 0))));
        assertTrue(RuleCompiler.indicators().size() >= 20);
    }

    private static void assertPath(String path, Map<String, Object> definition) {
        RuleException e = assertThrows(RuleException.class, () -> RuleCompiler.compile(definition));
        assertEquals(path, e.path(), e.getMessage());
    }
}
