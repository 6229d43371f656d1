package io.cracktrader.engine.metrics;

/**
 * Statistics of closed round trips, given their pnl in the order they closed.
 *
 * <ul>
 *   <li>{@code profitFactor}: gross profit / gross loss (NaN without losing trades);</li>
 *   <li>{@code expectancy}: mean pnl per trade;</li>
 *   <li>{@code sqn}: √n × mean / sample standard deviation of pnl (Van Tharp; NaN below two trades);</li>
 *   <li>streaks: the longest runs of consecutive winners (pnl > 0) and losers (pnl ≤ 0).</li>
 * </ul>
 */
public record TradeStats(int trades, int wins, double grossProfit, double grossLoss, double expectancy,
                         double sqn, double best, double worst, double averageWin, double averageLoss,
                         int longestWinStreak, int longestLossStreak) {

    public static TradeStats of(double[] pnl) {
        int n = pnl.length;
        int wins = 0;
        double profit = 0;
        double loss = 0;
        double best = n == 0 ? Double.NaN : Double.NEGATIVE_INFINITY;
        double worst = n == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        int winStreak = 0;
        int lossStreak = 0;
        int longestWin = 0;
        int longestLoss = 0;
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < n; i++) {
            double p = pnl[i];
            if (p > 0) {
                wins++;
                profit += p;
                winStreak++;
                lossStreak = 0;
            } else {
                loss -= p;
                lossStreak++;
                winStreak = 0;
            }
            longestWin = Math.max(longestWin, winStreak);
            longestLoss = Math.max(longestLoss, lossStreak);
            best = Math.max(best, p);
            worst = Math.min(worst, p);
            double delta = p - mean;
            mean += delta / (i + 1);
            m2 += delta * (p - mean);
        }
        double sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : Double.NaN;
        double sqn = n > 1 && sd > 0 ? Math.sqrt(n) * mean / sd : Double.NaN;
        int losses = n - wins;
        return new TradeStats(n, wins, profit, loss, n == 0 ? Double.NaN : mean, sqn, best, worst,
                wins == 0 ? Double.NaN : profit / wins, losses == 0 ? Double.NaN : -loss / losses, longestWin,
                longestLoss);
    }

    public double winRate() {
        return trades == 0 ? 0 : (double) wins / trades;
    }

    public double profitFactor() {
        return grossLoss == 0 ? Double.NaN : grossProfit / grossLoss;
    }
}
