package io.cracktrader.engine.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an imported series looks like: its bar spacing (the most common step between bars, which
 * must be one of the {@link Timeframe}s) and its gaps (steps longer than that; weekends of daily
 * stock data show up here too).
 */
public record SeriesProfile(Timeframe timeframe, int gapCount, List<Gap> firstGaps) {
    /** Gaps listed in full; beyond this only counted. */
    public static final int LISTED_GAPS = 20;

    /** Bars missing between two consecutive bars. */
    public record Gap(long after, long before, long missingBars) {
    }

    /**
     * @throws IllegalArgumentException when the series has fewer than two bars or its spacing is
     *                                  not a supported timeframe
     */
    public static SeriesProfile of(BarSeries bars) {
        int n = bars.size();
        if (n < 2) {
            throw new IllegalArgumentException("a dataset needs at least 2 bars");
        }
        Map<Long, Integer> steps = new HashMap<>();
        for (int i = 1; i < n; i++) {
            steps.merge(bars.time(i) - bars.time(i - 1), 1, Integer::sum);
        }
        // The most frequent step; on a tie the shorter one.
        long step = 0;
        int seen = 0;
        for (Map.Entry<Long, Integer> e : steps.entrySet()) {
            if (e.getValue() > seen || (e.getValue() == seen && e.getKey() < step)) {
                step = e.getKey();
                seen = e.getValue();
            }
        }
        Timeframe timeframe = Timeframe.ofMillis(step);
        if (timeframe == null) {
            throw new IllegalArgumentException("bars are mostly " + step / 1000 + " s apart, which is not one of "
                    + Timeframe.codes());
        }
        int gapCount = 0;
        List<Gap> gaps = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            long gap = bars.time(i) - bars.time(i - 1);
            if (gap > step) {
                gapCount++;
                if (gaps.size() < LISTED_GAPS) {
                    gaps.add(new Gap(bars.time(i - 1), bars.time(i), gap / step - 1));
                }
            }
        }
        return new SeriesProfile(timeframe, gapCount, List.copyOf(gaps));
    }
}
