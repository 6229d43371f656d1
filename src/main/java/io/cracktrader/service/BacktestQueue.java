package io.cracktrader.service;

import io.cracktrader.config.CracktraderConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * Backtests are CPU-bound: they run on a fixed set of workers sized to the cores
 * ({@code cracktrader.runs.max-concurrent}), and wait their turn here. The turn is fair between
 * owners: each owner has a queue, and free workers take one backtest from each owner in rotation,
 * so one user's 500 queued backtests do not hold another's single one behind them. Paper and live
 * runs never come here (docs/ARCHITECTURE.md, "Scheduling").
 */
@ApplicationScoped
public class BacktestQueue {
    private static final Logger LOG = Logger.getLogger(BacktestQueue.class);

    private record Task(String runId, Runnable work, long queuedNanos) {
    }

    /** Owner → their waiting backtests, in the order the owners take turns. */
    private final LinkedHashMap<String, ArrayDeque<Task>> waiting = new LinkedHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    private final Timer waited;

    public BacktestQueue(CracktraderConfig config, MeterRegistry meters) {
        Gauge.builder("cracktrader.backtests.waiting", this, BacktestQueue::waitingCount)
                .description("Backtests waiting for a worker").register(meters);
        Gauge.builder("cracktrader.backtest.workers", this, q -> q.workers.size())
                .description("Backtest workers").register(meters);
        this.waited = Timer.builder("cracktrader.backtest.wait").description("Time backtests waited for a worker")
                .publishPercentileHistogram().register(meters);
        int threads = config.runs().maxConcurrent() > 0 ? config.runs().maxConcurrent()
                : Runtime.getRuntime().availableProcessors();
        for (int i = 1; i <= threads; i++) {
            Thread t = new Thread(this::work, "backtest-worker-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    /** Queues a backtest behind the owner's earlier ones. */
    void submit(String owner, String runId, Runnable work) {
        synchronized (waiting) {
            waiting.computeIfAbsent(owner == null ? "" : owner, o -> new ArrayDeque<>()).addLast(new Task(runId, work, System.nanoTime()));
            waiting.notify();
        }
    }

    /** Takes a waiting backtest out of the queue; false when it had already been taken by a worker. */
    boolean cancel(String runId) {
        synchronized (waiting) {
            for (Iterator<ArrayDeque<Task>> it = waiting.values().iterator(); it.hasNext(); ) {
                ArrayDeque<Task> queue = it.next();
                if (queue.removeIf(t -> t.runId.equals(runId))) {
                    if (queue.isEmpty()) {
                        it.remove();
                    }
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Where a waiting backtest stands: 1 is next. Workers take one from each owner in turn, so the
     * k-th backtest of an owner goes after everyone's first k−1 and after the k-th of the owners whose
     * turn comes before.
     */
    OptionalInt position(String runId) {
        synchronized (waiting) {
            List<ArrayDeque<Task>> queues = new ArrayList<>(waiting.values());
            for (int o = 0; o < queues.size(); o++) {
                int index = indexOf(queues.get(o), runId);
                if (index < 0) {
                    continue;
                }
                int ahead = 0;
                for (int p = 0; p < queues.size(); p++) {
                    int size = queues.get(p).size();
                    ahead += Math.min(size, index) + (p < o && size > index ? 1 : 0);
                }
                return OptionalInt.of(ahead + 1);
            }
            return OptionalInt.empty();
        }
    }

    private static int indexOf(ArrayDeque<Task> queue, String runId) {
        int i = 0;
        for (Task t : queue) {
            if (t.runId.equals(runId)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    int workers() {
        return workers.size();
    }

    private int waitingCount() {
        synchronized (waiting) {
            return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
        }
    }

    private void work() {
        while (!closed) {
            Task task;
            try {
                task = next();
            } catch (InterruptedException e) {
                return;
            }
            waited.record(System.nanoTime() - task.queuedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            try {
                task.work.run();
            } catch (RuntimeException | Error e) {
                LOG.errorf(e, "Backtest %s escaped its own error handling", task.runId);
            }
        }
    }

    /** The first backtest of the owner whose turn it is; that owner then goes to the back of the rotation. */
    private Task next() throws InterruptedException {
        synchronized (waiting) {
            while (waiting.isEmpty()) {
                waiting.wait();
            }
            Map.Entry<String, ArrayDeque<Task>> first = waiting.entrySet().iterator().next();
            Task task = first.getValue().removeFirst();
            waiting.remove(first.getKey());
            if (!first.getValue().isEmpty()) {
                waiting.put(first.getKey(), first.getValue());
            }
            return task;
        }
    }

    /** Lets the workers end; a backtest still running goes on until its stop request is seen. */
    void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
    }
}
