package io.cracktrader.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.engine.broker.Sizing;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.catalog.StrategyCatalog;
import io.cracktrader.service.view.EquityPointView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A live run's curve stays bounded and keeps spanning the whole run. */
class LiveEquityTest {

    @Test
    void thinsEvenlyWhenFull() {
        var type = new StrategyCatalog().find("TestStrategy");
        RunSpec spec = new RunSpec(RunMode.PAPER, type, type.resolve(Map.of()), List.of("BTC/USDT"), Timeframe.M1, 0, 0,
                10_000, "simulated", 0.001, 0, null, 0, Sizing.ALL_IN, false);
        ActiveRun run = new ActiveRun("id", spec, 0, RunOrigin.of("test"), 0);
        for (int bar = 0; bar < 5_000; bar++) {
            run.addEquity(bar * 60_000L, 10_000 + bar, 5_000, Double.NaN);
        }
        List<EquityPointView> curve = run.liveEquity();
        assertTrue(curve.size() <= 1000 && curve.size() > 500, "size " + curve.size());
        assertEquals(0, curve.get(0).timestamp().toEpochMilli(), "the first bar stays");
        long step = curve.get(1).timestamp().toEpochMilli() - curve.get(0).timestamp().toEpochMilli();
        for (int i = 1; i < curve.size(); i++) {
            assertEquals(step, curve.get(i).timestamp().toEpochMilli() - curve.get(i - 1).timestamp().toEpochMilli(),
                    "evenly spaced");
        }
        assertTrue(curve.get(curve.size() - 1).timestamp().toEpochMilli() >= 4_990 * 60_000L - step, "reaches the end");
        assertEquals(10_000 + 0.0, curve.get(0).value(), 0);
        assertEquals(null, curve.get(0).benchmark());
    }
}
