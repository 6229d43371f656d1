package io.cracktrader.service;

import io.cracktrader.engine.data.BarSeries;

/**
 * Where a paper or live run's bars come from: the history it warms up on, then each bar as the
 * market closes it. A feed is called by one thread at a time (the run's {@link PaperJob}).
 */
interface LiveFeed {

    /** Receives each newly closed bar of symbol {@code k}, already appended to its series. */
    @FunctionalInterface
    interface BarSink {
        void closed(int k, long openMillis);
    }

    /** The recent closed bars of each symbol, to warm up on; the series grow as bars close. */
    BarSeries[] history();

    /** Appends every bar closed since the last call, telling {@code sink} of each; returns ms until the next call. */
    long advance(BarSeries[] series, BarSink sink);
}
