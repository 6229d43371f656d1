package io.cracktrader.service;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * The one stream of run events (status changes and fills), built once and shared by every
 * WebSocket connection: subscribers see what happens from the moment they subscribe, nothing is
 * replayed per connection, and a publisher never waits for a subscriber.
 */
@ApplicationScoped
public class RunEvents {

    /**
     * An event: for which run, whether it is the runner's current run, who started the run, and the
     * message clients get.
     */
    public record RunEvent(String runId, boolean runner, String owner, String strategyId, Message message) {
    }

    /**
     * What {@code /ws/status} sends (runner API): {@code {"type": ..., "payload": {...}}}, plus when the service
     * published it (clients measure their delay with it).
     */
    @RegisterForReflection
    public record Message(String type, Object payload, Instant timestamp) {
    }

    /** The payload of a {@code trade_execution} message. */
    @RegisterForReflection
    public record TradeExecution(String id, String side, double size, double price, String symbol, Instant timestamp,
                                 String runId, Double pnl, double commission) {
    }

    private final Flow.Processor<RunEvent, RunEvent> processor = BroadcastProcessor.<RunEvent>create().serialized();
    private final Multi<RunEvent> stream = Multi.createFrom().publisher(processor);
    /** Per run: a token bucket of fills to stream (time of the last refill in ns, tokens). */
    private final Map<String, double[]> fillBuckets = new ConcurrentHashMap<>();
    private final int maxFillsPerSecond;
    private final Counter skippedFills;

    public RunEvents(CracktraderConfig config, MeterRegistry registry) {
        this.maxFillsPerSecond = config.ws().maxFillsPerSecond();
        this.skippedFills = Counter.builder("cracktrader_ws_fills_not_streamed")
                .description("Fills not streamed live because their run exceeded the per-second cap (all are in the REST API)")
                .register(registry);
    }

    public Multi<RunEvent> stream() {
        return stream;
    }

    void status(RunView view, boolean runner, RunOrigin origin) {
        if (!"starting".equals(view.status()) && !"running".equals(view.status())) {
            fillBuckets.remove(view.runId());
        }
        processor.onNext(new RunEvent(view.runId(), runner, origin.owner(), origin.strategyId(),
                new Message("status_update", view, Instant.now())));
    }

    /**
     * Streams a fill, at most {@code cracktrader.ws.max-fills-per-second} per run (a token bucket holding
     * one second's worth, so a small backtest streams all its fills): a backtest can fill a hundred thousand times a second, which no screen can show
     * and which would hold up every other client's updates. Live runs fill far below the cap. Every
     * fill is in the run's trades (REST) regardless. Called on the run's own thread only.
     */
    void trade(String runId, boolean runner, RunOrigin origin, TradeView t) {
        double burst = Math.max(1, maxFillsPerSecond);
        long now = System.nanoTime();
        double[] bucket = fillBuckets.computeIfAbsent(runId, id -> new double[] {now, burst});
        bucket[1] = Math.min(burst, bucket[1] + (now - bucket[0]) * 1e-9 * maxFillsPerSecond);
        bucket[0] = now;
        if (bucket[1] < 1) {
            skippedFills.increment();
            return;
        }
        bucket[1] -= 1;
        processor.onNext(new RunEvent(runId, runner, origin.owner(), origin.strategyId(), new Message("trade_execution",
                new TradeExecution(t.id(), t.side(), t.size(), t.price(), t.symbol(), t.timestamp(), runId, t.pnl(),
                        t.commission()), Instant.now())));
    }
}
