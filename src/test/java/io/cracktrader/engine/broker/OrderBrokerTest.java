package io.cracktrader.engine.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Each order type against bars whose fills are worked out by hand, gaps included. */
class OrderBrokerTest {
    static final double EPS = 1e-9;
    long time;

    static OrderBroker broker() {
        return broker(CostModel.NONE, false);
    }

    static OrderBroker broker(CostModel costs, boolean allowShort) {
        return new OrderBroker(10_000, costs, Sizing.ALL_IN, allowShort, 8, FillListener.NONE);
    }

    void bar(OrderBroker b, double open, double high, double low, double close) {
        b.onBar(time += 60_000, open, high, low, close);
    }

    static void assertLastFill(OrderBroker b, byte side, double size, double price) {
        FillLog f = b.fills();
        int i = f.count() - 1;
        assertEquals(side, f.side(i), "side");
        assertEquals(size, f.size(i), EPS, "size");
        assertEquals(price, f.price(i), EPS, "price");
    }

    @Test
    void marketFillsAtTheNextOpenAllInWithCommission() {
        OrderBroker b = broker(new CostModel(0.001, 0, 0), false);
        b.enterLong();
        assertEquals(0, b.fills().count(), "nothing fills before the next bar");
        bar(b, 100, 101, 99, 100);
        assertLastFill(b, FillLog.BUY, 10_000 / (100 * 1.001), 100);
        assertEquals(0, b.cash(), 1e-9);
    }

    @Test
    void buyLimitFillsAtTheLimitOrAtABetterGapOpen() {
        OrderBroker b = broker();
        b.buyLimit(10, 95);
        bar(b, 100, 101, 96, 98);                     // low 96 > 95: no fill
        assertEquals(0, b.fills().count());
        bar(b, 97, 98, 94, 95);                       // low reaches 95
        assertLastFill(b, FillLog.BUY, 10, 95);
        b.buyLimit(10, 95);
        bar(b, 90, 92, 89, 91);                       // opens below the limit: the better open
        assertLastFill(b, FillLog.BUY, 10, 90);
    }

    @Test
    void sellLimitAndGapAbove() {
        OrderBroker b = broker();
        b.buy(20);
        bar(b, 100, 100, 100, 100);
        b.sellLimit(10, 110);
        bar(b, 105, 111, 104, 108);
        assertLastFill(b, FillLog.SELL, 10, 110);
        b.sellLimit(10, 110);
        bar(b, 115, 116, 112, 114);
        assertLastFill(b, FillLog.SELL, 10, 115);
        assertEquals(0, b.position(), EPS);
    }

    @Test
    void stopsFillAtTheStopOrAtAWorseGapOpenWithSlippage() {
        OrderBroker b = broker(new CostModel(0, 0, 0.001), false);
        b.buyStop(10, 105);
        bar(b, 100, 104, 99, 103);                    // not reached
        assertEquals(0, b.fills().count());
        bar(b, 103, 106, 102, 105);
        assertLastFill(b, FillLog.BUY, 10, 105 * 1.001);
        b.sellStop(5, 95);
        bar(b, 100, 101, 94, 96);
        assertLastFill(b, FillLog.SELL, 5, 95 * 0.999);
        b.sellStop(5, 95);
        bar(b, 90, 91, 88, 89);                       // gaps below the stop: the worse open
        assertLastFill(b, FillLog.SELL, 5, 90 * 0.999);
        b.buyStop(1, 105);
        bar(b, 108, 109, 107, 108);                   // gaps above a buy stop
        assertLastFill(b, FillLog.BUY, 1, 108 * 1.001);
    }

    @Test
    void stopLimitTriggersThenWorksAsALimit() {
        OrderBroker b = broker();
        b.buyStopLimit(10, 105, 106);                 // stop reached intrabar, stop within the limit: fills at the stop
        bar(b, 100, 107, 99, 106);
        assertLastFill(b, FillLog.BUY, 10, 105);
        b.buyStopLimit(10, 105, 104);                 // triggered, but 105 is above the limit: waits
        bar(b, 100, 107, 99, 106);
        assertEquals(1, b.fills().count());
        bar(b, 106, 107, 103, 104);                   // now a limit at 104: low 103 reaches it
        assertLastFill(b, FillLog.BUY, 10, 104);
        b.buyStopLimit(10, 105, 106);                 // gap above the stop triggers at the open; limit 106 needs the low
        bar(b, 110, 112, 108, 111);
        assertEquals(2, b.fills().count());
        bar(b, 107, 108, 105.5, 106);
        assertLastFill(b, FillLog.BUY, 10, 106);
    }

    @Test
    void bracketStopLossWinsWhenABarReachesBoth() {
        OrderBroker b = broker();
        b.bracketBuy(10, Double.NaN, 95, 110);
        bar(b, 100, 111, 94, 105);                    // entry fills at the open; children work from the next bar
        assertEquals(1, b.fills().count());
        assertLastFill(b, FillLog.BUY, 10, 100);
        bar(b, 100, 111, 94, 100);                    // both reachable: the stop loss, conservatively
        assertLastFill(b, FillLog.SELL, 10, 95);
        assertEquals(-50, b.fills().pnl(1), EPS);
        assertFalse(b.hasPendingOrder(), "the take profit was cancelled with it");
        assertEquals(0, b.position(), EPS);
    }

    @Test
    void bracketTakeProfitAndCancellingTheEntry() {
        OrderBroker b = broker();
        b.bracketBuy(10, 99, 95, 110);
        bar(b, 100, 101, 98, 100);                    // limit entry at 99
        assertLastFill(b, FillLog.BUY, 10, 99);
        bar(b, 105, 112, 104, 111);
        assertLastFill(b, FillLog.SELL, 10, 110);
        assertFalse(b.hasPendingOrder());
        long entry = b.bracketBuy(10, 50, 45, 60);
        assertTrue(b.cancel(entry));
        assertFalse(b.hasPendingOrder(), "its children go with it");
    }

    @Test
    void trailingStopFollowsTheHighAndFillsOnAGap() {
        OrderBroker b = broker();
        b.buy(10);
        bar(b, 100, 100, 100, 100);
        b.trailingStop(5, Double.NaN);                // from the last close: 95
        bar(b, 101, 110, 101, 108);                   // not hit; trails to 110 − 5
        assertEquals(1, b.fills().count());
        bar(b, 104, 106, 103, 104);                   // opens below 105
        assertLastFill(b, FillLog.SELL, 10, 104);
    }

    @Test
    void shortingOnlyWhenAllowed() {
        OrderBroker longOnly = broker();
        longOnly.sell(10);
        bar(longOnly, 100, 100, 100, 100);
        assertEquals(0, longOnly.fills().count(), "no position, no short: the order is cancelled");
        assertFalse(longOnly.hasPendingOrder());

        OrderBroker b = broker(CostModel.NONE, true);
        b.sell(10);
        bar(b, 100, 100, 100, 100);
        assertEquals(-10, b.position(), EPS);
        assertEquals(11_000, b.cash(), EPS);
        b.buy(Double.NaN);                            // covers the whole short
        bar(b, 90, 90, 90, 90);
        assertEquals(0, b.position(), EPS);
        assertEquals(100, b.fills().pnl(1), EPS);
        assertEquals(10_100, b.equity(90), EPS);
    }

    @Test
    void fixedCommissionPartialClosesAndNoMargin() {
        OrderBroker b = broker(new CostModel(0.001, 1.0, 0), false);
        b.buy(10);
        bar(b, 100, 100, 100, 100);
        assertEquals(10_000 - 1_000 - 2, b.cash(), EPS);        // 0.1 % of 1,000 + 1
        b.sell(4);
        bar(b, 110, 110, 110, 110);
        // (110 − 100) × 4 − 40 % of the entry's 2.0 − (0.44 + 1)
        assertEquals(40 - 0.8 - 1.44, b.fills().pnl(1), EPS);
        assertEquals(6, b.position(), EPS);
        OrderBroker poor = broker();
        poor.buy(200);                                           // 20,000 wanted, 10,000 there
        bar(poor, 100, 100, 100, 100);
        assertLastFill(poor, FillLog.BUY, 100, 100);
        assertEquals(0, poor.cash(), EPS);
    }

    @Test
    void sizingModes() {
        CostModel none = CostModel.NONE;
        assertEquals(50, new Sizing(Sizing.Mode.PERCENT_EQUITY, 0.5, 0).units(10_000, 10_000, 100, none), EPS);
        assertEquals(25, new Sizing(Sizing.Mode.FIXED_AMOUNT, 2_500, 0).units(10_000, 10_000, 100, none), EPS);
        // risk 1 % of 10,000 = 100 with a stop 2 % below 100 (2 a unit): 50 units
        assertEquals(50, new Sizing(Sizing.Mode.RISK, 0.01, 0.02).units(10_000, 10_000, 100, none), EPS);
        assertEquals(50, new Sizing(Sizing.Mode.ALL_IN, 0.5, 0).units(10_000, 10_000, 100, none), EPS);
        OrderBroker b = new OrderBroker(10_000, none, new Sizing(Sizing.Mode.PERCENT_EQUITY, 0.25, 0), false, 4,
                FillListener.NONE);
        b.enterLong();
        bar(b, 200, 200, 200, 200);
        assertLastFill(b, FillLog.BUY, 12.5, 200);
    }
}
