package io.cracktrader.engine.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cracktrader.engine.Backtest;
import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.TradingLoop;
import io.cracktrader.engine.broker.CostModel;
import io.cracktrader.engine.broker.FillListener;
import io.cracktrader.engine.broker.Sizing;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.engine.metrics.EquityCurve;
import io.cracktrader.engine.strategy.MovingAverageCross;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A portfolio of several symbols is its sleeves traded side by side, with fills numbered as they happen. */
class PortfolioTest {
    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2024-04-01T00:00:00Z").toEpochMilli();
    private static final CostModel COSTS = new CostModel(0.001, 0, 0);

    private static BarSeries bars(String symbol) {
        return new SyntheticMarket(symbol).bars(Timeframe.H1, FROM, TO, new RunControl());
    }

    @Test
    void eachSleeveTradesExactlyAsItWouldAlone() {
        String[] symbols = {"BTC/USDT", "ETH/USDT", "SOL/USDT"};
        BarSeries[] series = new BarSeries[symbols.length];
        for (int k = 0; k < symbols.length; k++) {
            series[k] = bars(symbols[k]);
        }
        List<Fill> streamed = new ArrayList<>();
        Portfolio portfolio = new Portfolio(series, () -> new MovingAverageCross(10, 30, 0, 0, 0), 30_000, COSTS, Sizing.ALL_IN,
                false, 0, streamed::add);
        portfolio.backtest(new RunControl());
        PortfolioOutcome outcome = portfolio.outcome(Timeframe.H1.barsPerYear());

        double cash = 0;
        int fills = 0;
        for (int k = 0; k < symbols.length; k++) {
            TradingLoop alone = Backtest.run(new TradingLoop(bars(symbols[k]), new MovingAverageCross(10, 30, 0, 0, 0), 10_000,
                    COSTS, Sizing.ALL_IN, false, new EquityCurve(1), FillListener.NONE), new RunControl());
            cash += alone.broker().cash();
            fills += alone.broker().fills().count();
        }
        assertEquals(cash, outcome.cash(), 1e-9);
        assertEquals(fills, outcome.fills().size());
        assertTrue(fills > 3, "the strategy trades");

        // One id per fill: the stored list is the streamed one, numbered 1.. in time order.
        assertEquals(streamed, outcome.fills());
        for (int i = 0; i < outcome.fills().size(); i++) {
            Fill f = outcome.fills().get(i);
            assertEquals(i + 1, f.seq());
            if (i > 0) {
                assertTrue(outcome.fills().get(i - 1).time() <= f.time(), "fills in time order");
            }
        }
    }

    @Test
    void equityIsCashPlusPositionsAtEveryBar() {
        BarSeries[] series = {bars("BTC/USDT"), bars("ETH/USDT")};
        Portfolio portfolio = new Portfolio(series, () -> new MovingAverageCross(5, 20, 0, 0, 0), 20_000, COSTS, Sizing.ALL_IN,
                false, 0, f -> { });
        portfolio.backtest(new RunControl());
        EquityCurve equity = portfolio.outcome(Timeframe.H1.barsPerYear()).equity();
        assertEquals(series[0].size(), equity.size());
        assertEquals(portfolio.value(), equity.value(equity.size() - 1), 1e-6);
        for (int i = 0; i < equity.size(); i++) {
            assertTrue(equity.cash(i) <= equity.value(i) + 1e-6, "no short: value covers cash at bar " + i);
        }
    }
}
