package io.cracktrader.service;

import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.portfolio.Portfolio;
import io.cracktrader.engine.portfolio.PortfolioOutcome;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A paper run, driven by its market's bar closes rather than by a thread of its own: between bars it
 * holds no thread at all. The shared clock wakes it when the next bar is due; the step (new bars,
 * trades, status) runs on the live-run pool; a stop request wakes it at once. Steps of one run never
 * overlap (they are serialised on the job), so its portfolio is only ever touched by one thread.
 */
final class PaperJob {
    private static final Logger LOG = Logger.getLogger(PaperJob.class);

    /** How a job hands its end to the executor: the outcome is null when it never got past its warm-up. */
    interface Finisher {
        void finish(ActiveRun run, RunStatus status, String error, PortfolioOutcome outcome);
    }

    private final ActiveRun run;
    private final LiveFeed feed;
    private final ScheduledExecutorService clock;
    private final Executor steps;
    private final Finisher finisher;
    private final Portfolio.FillSink fills;
    private Portfolio portfolio;
    private BarSeries[] series;
    private ScheduledFuture<?> next;
    private long processed;
    private boolean ended;

    PaperJob(ActiveRun run, LiveFeed feed, ScheduledExecutorService clock, Executor steps, Portfolio.FillSink fills,
             Finisher finisher) {
        this.run = run;
        this.feed = feed;
        this.clock = clock;
        this.steps = steps;
        this.fills = fills;
        this.finisher = finisher;
    }

    /** Warms up on the live-run pool, then waits for the first bar. */
    void start() {
        run.onStop(this::wake);
        steps.execute(this::step);
    }

    private void wake() {
        synchronized (this) {
            if (next != null) {
                next.cancel(false);
            }
        }
        steps.execute(this::step);
    }

    private synchronized void step() {
        if (ended) {
            return;
        }
        try {
            if (run.control.stopRequested()) {
                end(RunStatus.STOPPED, null);
                return;
            }
            if (portfolio == null) {
                warmUp();
            }
            long delay = feed.advance(series, this::barClosed);
            next = clock.schedule(() -> steps.execute(this::step), delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Run %s failed", run.id);
            end(RunStatus.FAILED, RunExecutor.reason(run, e));
        }
    }

    private void warmUp() {
        RunSpec spec = run.spec;
        series = feed.history();
        portfolio = new Portfolio(series, () -> spec.strategy().create(spec.parameters()), spec.initialCash(),
                spec.costs(), spec.sizing(), spec.allowShort(), 1024, fills);
        portfolio.warmUp();
    }

    private void barClosed(int k, long openMillis) {
        portfolio.tradeLatest(k);
        if (k == portfolio.symbols() - 1) {
            processed++;
            run.openPositions = portfolio.openPositions();
            run.control.publish(processed, portfolio.cash(), portfolio.value(), portfolio.fillCount());
            run.addEquity(openMillis, portfolio.value(), portfolio.cash(), portfolio.benchmark());
        }
    }

    private void end(RunStatus status, String error) {
        ended = true;
        PortfolioOutcome outcome = portfolio == null ? null
                : portfolio.outcome(run.spec.timeframe().barsPerYear());
        finisher.finish(run, status, error, outcome);
    }
}
