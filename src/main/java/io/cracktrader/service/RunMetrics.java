package io.cracktrader.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;

/**
 * The service's own Prometheus metrics ({@code cracktrader_*}). Tags are limited to mode, strategy
 * type and outcome, all from closed sets, so the number of series stays small.
 */
@ApplicationScoped
public class RunMetrics {
    private final MeterRegistry registry;

    public RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the gauges that read the orchestrator's active runs. */
    void watch(Map<String, ActiveRun> activeRuns) {
        // Gauges hold their state weakly: the map is owned (strongly) by the orchestrator.
        Gauge.builder("cracktrader.runs.active", activeRuns,
                        runs -> runs.values().stream().filter(r -> r.status.active()).count())
                .description("Runs executing or waiting for a worker").register(registry);
        for (RunMode mode : RunMode.values()) {
            Gauge.builder("cracktrader.active.runs.equity", activeRuns,
                            runs -> runs.values().stream()
                                    .filter(r -> r.spec.mode() == mode && !Double.isNaN(r.control.value()))
                                    .mapToDouble(r -> r.control.value()).sum())
                    .description("Summed mark-to-market equity of active runs, in their quote currencies")
                    .tag("mode", mode.code()).register(registry);
        }
    }

    void started(RunSpec spec) {
        counter("cracktrader.runs.started", "Runs accepted", spec).increment();
    }

    void finished(RunSpec spec, RunStatus outcome, StopReason reason, long bars, Duration duration) {
        switch (outcome) {
            case COMPLETED -> counter("cracktrader.runs.completed", "Runs that ran to the end", spec).increment();
            case FAILED -> ended("cracktrader.runs.failed", "Runs that ended in an error", tags(spec),
                    reason == null ? StopReason.ERROR : reason);
            default -> ended("cracktrader.runs.stopped", "Runs stopped before their end, by stop reason", tags(spec),
                    reason == null ? StopReason.USER : reason);
        }
        Counter.builder("cracktrader.bars.processed").description("Bars processed by the engine")
                .tags(tags(spec)).register(registry).increment(bars);
        Timer.builder("cracktrader.run.duration").description("Wall time of finished runs")
                .tags(tags(spec)).publishPercentileHistogram().register(registry).record(duration);
    }

    /** A run another process left active, closed as failed with stop reason interrupted. */
    void interrupted(String mode, String strategyName, boolean builtIn) {
        ended("cracktrader.runs.failed", "Runs that ended in an error",
                Tags.of("mode", mode, "strategy", builtIn ? strategyName : "rule"), StopReason.INTERRUPTED);
    }

    private void ended(String name, String description, Tags tags, StopReason reason) {
        Counter.builder(name).description(description).tags(tags.and("reason", reason.code())).register(registry).increment();
    }

    void tradeExecuted(RunSpec spec, String side) {
        Counter.builder("cracktrader.trades.executed").description("Fills executed by runs")
                .tags(tags(spec).and("side", side)).register(registry).increment();
    }

    private Counter counter(String name, String description, RunSpec spec) {
        return Counter.builder(name).description(description).tags(tags(spec)).register(registry);
    }

    /** User-defined rule strategies share one tag value: their names are not a closed set. */
    private static Tags tags(RunSpec spec) {
        return Tags.of("mode", spec.mode().code(), "strategy", spec.strategy().builtIn() ? spec.strategy().name() : "rule");
    }
}
