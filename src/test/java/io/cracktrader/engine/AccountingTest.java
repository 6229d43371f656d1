package io.cracktrader.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.engine.broker.CostModel;
import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.broker.FillLog;
import io.cracktrader.engine.broker.OrderGateway;
import io.cracktrader.engine.broker.Sizing;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.strategy.Strategy;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property tests over random order streams of every type: cash + position × close = equity at every
 * bar; commissions add up; without shorting (and so without margin) cash never goes negative.
 */
class AccountingTest {

    /** Places random orders of every kind around the close, driven by a seeded generator. */
    static final class RandomTrader implements Strategy {
        private final SplittableRandom random;
        private long lastOrder;

        RandomTrader(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public void onBar(BarSeries bars, int index, OrderGateway orders) {
            double c = bars.close(index);
            double size = random.nextDouble() < 0.3 ? Double.NaN : 0.01 + random.nextDouble() * 2;
            double away = c * random.nextDouble() * 0.01;
            switch (random.nextInt(14)) {
                case 0 -> orders.enterLong();
                case 1 -> orders.exitLong();
                case 2 -> lastOrder = orders.buy(size);
                case 3 -> lastOrder = orders.sell(size);
                case 4 -> lastOrder = orders.buyLimit(size, c - away);
                case 5 -> lastOrder = orders.sellLimit(size, c + away);
                case 6 -> lastOrder = orders.buyStop(size, c + away);
                case 7 -> lastOrder = orders.sellStop(size, c - away);
                case 8 -> lastOrder = orders.buyStopLimit(size, c + away, c + 2 * away);
                case 9 -> lastOrder = orders.sellStopLimit(size, c - away, c - 2 * away);
                case 10 -> lastOrder = orders.trailingStop(Double.NaN, 0.005);
                case 11 -> lastOrder = orders.bracketBuy(size, Double.NaN, c * 0.99, c * 1.01);
                case 12 -> orders.cancel(lastOrder);
                default -> { }
            }
        }
    }

    @Test
    void identitiesHoldAtEveryBarForRandomOrderStreams() {
        long from = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
        BarSeries bars = new SyntheticMarket("SOL/USDT").bars(Timeframe.M15, from, from + 60L * 86_400_000, null);
        for (long seed = 1; seed <= 40; seed++) {
            double rate = seed % 4 * 0.001;
            double fixed = seed % 5 == 0 ? 0.5 : 0;
            boolean shorts = seed % 2 == 0;
            TradingLoop loop = new TradingLoop(bars, new RandomTrader(seed), 10_000,
                    new CostModel(rate, fixed, seed % 3 * 0.0005), Sizing.ALL_IN, shorts, null, FillListener.NONE);
            double commissions = 0;
            for (int i = 0; i < bars.size(); i++) {
                int before = loop.broker().fills().count();
                loop.onBar(i);
                FillLog fills = loop.broker().fills();
                for (int f = before; f < fills.count(); f++) {
                    commissions += fills.commission(f);
                    assertEquals(fills.size(f) * fills.price(f) * rate + fixed, fills.commission(f), 1e-9);
                }
                double cash = loop.broker().cash();
                if (!shorts) {
                    assertTrue(cash >= 0, "negative cash at bar " + i + " seed " + seed);
                    assertTrue(loop.broker().position() >= -1e-12, "short without permission, seed " + seed);
                }
                double equity = loop.lastValue();
                assertEquals(cash + loop.broker().position() * bars.close(i), equity, 1e-9 * Math.abs(equity) + 1e-9);
            }
            assertEquals(commissions, loop.broker().commissionPaid(), 1e-9 * commissions + 1e-12);
            assertTrue(loop.broker().fills().count() > 50, "seed " + seed + " traded");
        }
    }
}
