package io.cracktrader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.broker.FillLog;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.CsvBars;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.metrics.PerformanceMetrics;
import io.cracktrader.engine.strategy.MovingAverageCross;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The reference result of ENGINE-REFERENCE.md (backtrader and ta4j agree on it): MovingAverageCross
 * 10/30 on ORCL 1995–2014, commission 0.1 %, all-in sizing, next-open fills. Reads the shared data
 * when it is beside the repository.
 */
class OrclReferenceTest {
    static final Path ORCL = Path.of("../shared/data/orcl-1995-2014-1d.csv");

    static TradingLoop runReference() throws Exception {
        BarSeries bars;
        try (Reader r = Files.newBufferedReader(ORCL)) {
            bars = CsvBars.read(r, "ORCL", Timeframe.D1);
        }
        return Backtest.run(bars, new MovingAverageCross(10, 30, 0, 0, 0), 10_000, 0.001, 0,
                FillListener.NONE, new RunControl());
    }

    @Test
    void reproducesTheReferenceTradeListAndFinalValue() throws Exception {
        assumeTrue(Files.exists(ORCL), "shared data not present");
        TradingLoop sleeve = runReference();
        assertEquals(5036, sleeve.bars().size());
        FillLog fills = sleeve.broker().fills();
        // 97 round trips plus the open position's entry.
        assertEquals(2 * 97 + 1, fills.count());

        assertFill(fills, 0, "1995-05-12", 2.37037, 4214.536123);
        assertFill(fills, 1, "1995-09-25", 2.935185, 4214.536123);
        assertEquals(2358.0728, fills.pnl(1), 1e-4);
        assertFill(fills, 6, "1996-04-26", 3.777778, 3682.384342);
        assertEquals(-487.6602, fills.pnl(7), 1e-4);
        assertEquals(-158.7539, fills.pnl(9), 1e-4);

        // The exact tie of 2004-06-29: the cross is on 06-30, the fill at the 07-01 open.
        int tie = indexOfFillOn(fills, "2004-07-01");
        assertEquals(FillLog.BUY, fills.side(tie));
        assertEquals(11.85, fills.price(tie), 0);
        assertEquals(-1, indexOfFillOn(fills, "2004-06-30"));

        int open = fills.count() - 1;
        assertFill(fills, open, "2014-11-04", 38.93, 929.860925879605);
        assertEquals(929.860925879605, sleeve.broker().position(), 1e-9);

        PerformanceMetrics m = PerformanceMetrics.compute(10_000, sleeve.equity(), new FillLog[] {fills},
                Timeframe.D1.barsPerYear());
        assertEquals(41_815.846766666764, m.finalValue(), 41_815.846766666764 * 1e-9);
        assertEquals(3.1815846766666764, m.totalReturn(), 3.1815846766666764 * 1e-9);
        assertEquals(0.6534839067153848, m.maxDrawdown(), 0.6534839067153848 * 1e-9);
        assertEquals(97, m.totalTrades());
    }

    private static void assertFill(FillLog fills, int i, String date, double price, double size) {
        assertEquals(day(date), fills.time(i), "fill " + i + " date");
        assertEquals(price, fills.price(i), 0, "fill " + i + " price");
        assertEquals(size, fills.size(i), 1e-6, "fill " + i + " size");
    }

    private static int indexOfFillOn(FillLog fills, String date) {
        for (int i = 0; i < fills.count(); i++) {
            if (fills.time(i) == day(date)) {
                return i;
            }
        }
        return -1;
    }

    private static long day(String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @SuppressWarnings("unused")
    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
