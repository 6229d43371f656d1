package io.cracktrader.service.view;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a run stands: the status fields of the runner API plus what the run was asked to do. */
@RegisterForReflection
@Schema(name = "RunStatus")
public record RunView(
        String runId,
        @Schema(enumeration = {"idle", "starting", "running", "completed", "failed", "stopped"}) String status,
        @Schema(enumeration = {"backtest", "paper", "sandbox", "live"}) String mode,
        String strategyName,
        Map<String, Object> strategyParams,
        List<String> symbols,
        String timeframe,
        String exchange,
        DataSourceView dataSource,
        Instant startDate,
        Instant endDate,
        Instant createdAt,
        @Schema(description = "When the run began executing") Instant startTime,
        Instant endTime,
        @Schema(description = "Backtests: seconds spent in the engine loop alone; paper/live: seconds since start")
        Double runtimeSeconds,
        @Schema(description = "Fraction of the run's bars processed, 0..1") double progress,
        long barsProcessed,
        double initialCash,
        Double cash,
        Double value,
        Double pnl,
        @Schema(description = "Fills stored for the run; while it is active, every fill reported so far") int tradeCount,
        String error,
        @Schema(enumeration = {"user", "shutdown", "risk", "error", "interrupted"},
                description = "Why a run that did not complete ended: a user's stop, the service shutting down, a risk "
                        + "limit, an error, or its process going away (crash, lost lease); null otherwise")
        String stopReason,
        @Schema(description = "While the run waits to start: its place in the queue, 1 being next") Integer queuePosition,
        @Schema(description = "While the run waits to start: what it waits for") String waitingFor) {

    /** The runner busy with a run the caller may not read: its status, nothing about it. */
    public static RunView busy(String status) {
        return new RunView(null, status, null, null, null, null, null, null, null, null, null, null, null, null,
                null, 0, 0, 0, null, null, null, 0, null, null, null, null);
    }

    public static RunView idle() {
        return new RunView(null, "idle", null, null, null, null, null, null, null, null, null, null, null, null,
                null, 0, 0, 0, null, null, null, 0, null, null, null, null);
    }
}
