package io.cracktrader.engine.analysis;

import io.cracktrader.engine.broker.FillLog;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trade-order bootstrap: how a run might have gone had its trades come in another order, or some
 * repeated and others not. Each simulation draws as many trades as the run closed, with replacement,
 * from its round-trip returns (pnl over the capital committed at entry) and compounds them from the
 * initial cash. Seeded: the same inputs and seed give the same result.
 */
public final class MonteCarlo {
    /** Percentiles reported, in percent. */
    public static final double[] PERCENTILES = {5, 25, 50, 75, 95};

    /**
     * @param finalValue percentiles of the simulated final values, in {@link #PERCENTILES} order
     * @param maxDrawdown percentiles of the simulated maximum drawdowns (fractions, trade to trade)
     * @param probabilityOfLoss share of simulations ending below the initial cash
     */
    public record Result(int simulations, long seed, int tradesPerSimulation, double[] finalValue,
                         double[] maxDrawdown, double probabilityOfLoss) {
    }

    private MonteCarlo() {
    }

    /** Round-trip returns of a fill log: pnl / (entry size × entry price + entry commission), in closing order. */
    public static double[] tradeReturns(FillLog fills) {
        double[] out = new double[fills.count() / 2];
        int n = 0;
        for (int i = 1; i < fills.count(); i++) {
            if (!Double.isNaN(fills.pnl(i)) && Double.isNaN(fills.pnl(i - 1))) {
                double committed = fills.size(i - 1) * fills.price(i - 1) + fills.commission(i - 1);
                out[n++] = fills.pnl(i) / committed;
            }
        }
        return Arrays.copyOf(out, n);
    }

    public static Result bootstrap(double[] tradeReturns, double initialCash, int simulations, long seed) {
        if (simulations < 1) {
            throw new IllegalArgumentException("simulations must be at least 1");
        }
        int n = tradeReturns.length;
        SplittableRandom random = new SplittableRandom(seed);
        double[] finals = new double[simulations];
        double[] drawdowns = new double[simulations];
        int losses = 0;
        for (int s = 0; s < simulations; s++) {
            double equity = initialCash;
            double peak = initialCash;
            double drawdown = 0;
            for (int k = 0; k < n; k++) {
                equity *= 1 + tradeReturns[random.nextInt(n)];
                if (equity > peak) {
                    peak = equity;
                } else {
                    drawdown = Math.max(drawdown, (peak - equity) / peak);
                }
            }
            finals[s] = equity;
            drawdowns[s] = drawdown;
            if (equity < initialCash) {
                losses++;
            }
        }
        return new Result(simulations, seed, n, percentiles(finals), percentiles(drawdowns), (double) losses / simulations);
    }

    /** Nearest-rank percentiles. */
    static double[] percentiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] out = new double[PERCENTILES.length];
        for (int i = 0; i < PERCENTILES.length; i++) {
            int rank = (int) Math.ceil(PERCENTILES[i] / 100 * sorted.length);
            out[i] = sorted[Math.max(0, rank - 1)];
        }
        return out;
    }
}
