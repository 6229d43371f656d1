package io.cracktrader.service;

import io.cracktrader.store.RunStore;
import io.cracktrader.store.RunTrade;
import io.cracktrader.store.TradeRow;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Write-ahead for fills (docs/ARCHITECTURE.md, "Durability"): a fill is stored before anyone is told
 * of it. Runs hand their fills here as they happen; one writer thread appends whatever has gathered
 * in one transaction (group commit: while one batch is written the next gathers, so a busy backtest
 * writes thousands of fills per commit and a paper run's single fill is stored within milliseconds),
 * and only after the commit runs each fill's announcement (trade stream, recent fills, strategy signals).
 *
 * <p>A failed write is retried with backoff until it succeeds, holding the announcements back, so
 * a database outage delays what users see but never shows them a fill the database does not have.
 * What a crash can lose is only that unannounced tail.
 */
@ApplicationScoped
public class RunJournal {
    private static final Logger LOG = Logger.getLogger(RunJournal.class);
    /** Runs producing faster than the database stores wait here, so memory stays bounded. */
    private static final int CAPACITY = 65_536;
    private static final int MAX_BATCH = 8_192;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private record Entry(ActiveRun run, TradeRow row, Runnable announce) {
    }

    private final RunStore store;
    private final BlockingQueue<Entry> pending = new ArrayBlockingQueue<>(CAPACITY);
    private final Object committed = new Object();
    private Thread writer;
    private volatile boolean closing;

    public RunJournal(RunStore store) {
        this.store = store;
    }

    @PostConstruct
    void startWriter() {
        writer = new Thread(this::writeLoop, "run-journal");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues the run's next fill; {@code announce} runs once it is stored. Called on the run's own thread. */
    void append(ActiveRun run, TradeRow row, Runnable announce) {
        run.fillsProduced++;
        try {
            pending.put(new Entry(run, row, announce));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while recording a fill of run " + run.id, e);
        }
    }

    /**
     * Waits until every fill the run has produced is stored and announced; false when that has not
     * happened within {@code millis} (the database is still away).
     */
    boolean awaitDurable(ActiveRun run, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (committed) {
            while (run.fillsDurable < run.fillsProduced) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                try {
                    committed.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void writeLoop() {
        List<Entry> batch = new ArrayList<>();
        List<RunTrade> rows = new ArrayList<>();
        while (!closing || !pending.isEmpty()) {
            try {
                Entry first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                for (Entry e : batch) {
                    rows.add(new RunTrade(e.run.id, e.row));
                }
                store(rows);
                for (Entry e : batch) {
                    announce(e);
                }
                synchronized (committed) {
                    committed.notifyAll();
                }
            } catch (InterruptedException e) {
                if (!closing) {
                    LOG.warn("The run journal was interrupted; fills still queued are not stored");
                }
                return;
            } finally {
                batch.clear();
                rows.clear();
            }
        }
    }

    /** Stores the batch, retrying with backoff until the database takes it (or the service is closing). */
    private void store(List<RunTrade> rows) throws InterruptedException {
        long backoff = 50;
        for (int attempt = 1; ; attempt++) {
            try {
                store.appendTrades(rows);
                if (attempt > 1) {
                    LOG.infof("Stored %d fill(s) after %d attempts", rows.size(), attempt);
                }
                return;
            } catch (RuntimeException e) {
                if (attempt == 1 || attempt % 20 == 0) {
                    LOG.warnf("Could not store %d fill(s) (attempt %d), retrying: %s", rows.size(), attempt,
                            e.getMessage());
                }
                if (closing && attempt >= 3) {
                    throw new InterruptedException("closing with the database away");
                }
                Thread.sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private static void announce(Entry e) {
        e.run.fillsDurable++;
        try {
            e.announce.run();
        } catch (RuntimeException ex) {
            LOG.warnf("Could not announce fill %d of run %s: %s", e.row.seq(), e.run.id, ex.getMessage());
        }
    }

    /** At shutdown: store what has been queued (runs have been stopped first), for a few seconds at most. */
    void drain(@Observes @Priority(RunExecutor.SHUTDOWN_PRIORITY + 1) ShutdownEvent event) {
        close();
    }

    @PreDestroy
    void close() {
        closing = true;
        if (writer == null) {
            return;
        }
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
