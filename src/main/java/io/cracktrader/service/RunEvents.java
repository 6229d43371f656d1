package io.cracktrader.service;

import io.cracktrader.service.view.RunView;
import io.cracktrader.service.view.TradeView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
    public record RunEvent(String runId, boolean runner, String owner, Message message) {
    }

    /**
     * What {@code /ws/status} sends (01): {@code {"type": ..., "payload": {...}}}, plus when the service
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

    public Multi<RunEvent> stream() {
        return stream;
    }

    void status(RunView view, boolean runner, String owner) {
        processor.onNext(new RunEvent(view.runId(), runner, owner, new Message("status_update", view, Instant.now())));
    }

    void trade(String runId, boolean runner, String owner, TradeView t) {
        processor.onNext(new RunEvent(runId, runner, owner, new Message("trade_execution", new TradeExecution(t.id(),
                t.side(), t.size(), t.price(), t.symbol(), t.timestamp(), runId, t.pnl(), t.commission()), Instant.now())));
    }
}
