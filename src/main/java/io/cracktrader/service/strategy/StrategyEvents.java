package io.cracktrader.service.strategy;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * The one stream of strategy events (the strategy-management API's WebSocket channels): new signals, and every history entry
 * as an alert (status changes, risk stops, errors, changes). Built once; publishers never wait.
 */
@ApplicationScoped
public class StrategyEvents {

    /** An event of one strategy and the message clients get. */
    public record StrategyEvent(String strategyId, Object message) {
    }

    /** {@code {"type": "new_signal", "data": {...}}} of the strategy-management API. */
    @RegisterForReflection
    public record SignalMessage(String type, StrategyViews.SignalView data, Instant timestamp) {
    }

    /** An alert of {@code /ws/strategies/alerts}. */
    @RegisterForReflection
    public record AlertMessage(String type, String alertType, String strategyId, String eventType, String user,
                               Map<String, Object> data, Instant timestamp) {
    }

    private final Flow.Processor<StrategyEvent, StrategyEvent> processor =
            BroadcastProcessor.<StrategyEvent>create().serialized();
    private final Multi<StrategyEvent> stream = Multi.createFrom().publisher(processor);

    public Multi<StrategyEvent> stream() {
        return stream;
    }

    void signal(StrategyViews.SignalView signal) {
        processor.onNext(new StrategyEvent(signal.strategyId(),
                new SignalMessage("new_signal", signal, Instant.now())));
    }

    void history(String strategyId, String eventType, String user, Map<String, Object> details) {
        processor.onNext(new StrategyEvent(strategyId, new AlertMessage("strategy_alert", alertType(eventType),
                strategyId, eventType, user, details, Instant.now())));
    }

    /** The strategy-management API's alert kinds: status changes, risk warnings, errors, performance, and configuration changes. */
    static String alertType(String eventType) {
        return switch (eventType) {
            case "started", "stopped", "run_finished", "interrupted" -> "status_change";
            case "risk_stop" -> "risk_warning";
            case "run_failed", "backtest_failed" -> "error";
            case "backtest_completed" -> "performance";
            default -> "change";
        };
    }
}
