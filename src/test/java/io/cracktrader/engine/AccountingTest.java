package io.cracktrader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.broker.FillLog;
import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.strategy.Strategy;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Cash + position × close = equity at every bar; cash never negative; commissions add up. */
class AccountingTest {

    /** Places random entries and exits, driven by a seeded generator. */
    static final class RandomTrader implements Strategy {
        private final SplittableRandom random;

        RandomTrader(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public void onBar(BarSeries bars, int index, OrderGateway orders) {
            double dice = random.nextDouble();
            if (dice < 0.1) {
                orders.enterLong();
            } else if (dice < 0.2) {
                orders.exitLong();
            }
        }
    }

    @Test
    void identitiesHoldAtEveryBarForRandomOrderStreams() {
        long from = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
        BarSeries bars = new SyntheticMarket("SOL/USDT").bars(Timeframe.M15, from, from + 90L * 86_400_000, null);
        for (long seed = 1; seed <= 20; seed++) {
            double commission = seed % 4 * 0.001;
            double slippage = seed % 3 * 0.0005;
            TradingLoop loop = new TradingLoop(bars, new RandomTrader(seed), 10_000, commission, slippage, bars.size(),
                    FillListener.NONE);
            double expectedCommission = 0;
            for (int i = 0; i < bars.size(); i++) {
                int fillsBefore = loop.broker().fills().count();
                loop.onBar(i);
                FillLog fills = loop.broker().fills();
                for (int f = fillsBefore; f < fills.count(); f++) {
                    expectedCommission += fills.commission(f);
                    assertEquals(fills.size(f) * fills.price(f) * commission, fills.commission(f), 1e-9);
                }
                double cash = loop.broker().cash();
                assertTrue(cash >= 0, "negative cash at bar " + i);
                double equity = loop.equity().value(loop.equity().size() - 1);
                assertEquals(cash + loop.broker().position() * bars.close(i), equity, 1e-9 * equity);
            }
            assertEquals(expectedCommission, loop.broker().commissionPaid(), 1e-9);
            // Round trips: pnl on each closing fill equals the cash it returned minus what the entry cost.
            FillLog fills = loop.broker().fills();
            for (int f = 1; f < fills.count(); f += 2) {
                double entryCost = fills.size(f - 1) * fills.price(f - 1) + fills.commission(f - 1);
                double exitProceeds = fills.size(f) * fills.price(f) - fills.commission(f);
                assertEquals(exitProceeds - entryCost, fills.pnl(f), 1e-9 * entryCost);
            }
        }
    }
}
