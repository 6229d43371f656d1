package io.cracktrader.service.strategy;

import io.cracktrader.service.view.PerformanceView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response shapes of the strategy-management API. */
public final class StrategyViews {
    private StrategyViews() {
    }

    /** A strategy instance: the strategy-management API's configuration plus the trading API's list fields (id, name, status, pnl, positions). */
    @RegisterForReflection
    @Schema(name = "Strategy")
    public record StrategyView(String id, String name, String description, String category, String strategyType,
                               Map<String, Object> parameters, String riskLevel, List<String> tags, String timeframe,
                               List<String> symbols, String exchange, double initialCapital,
                               @Schema(enumeration = {"inactive", "running", "stopped", "error"}) String status,
                               @Schema(description = "Profit or loss of the current or last run") Double pnl,
                               @Schema(description = "Open positions of the current or last run") int positions,
                               String currentRunId, String owner,
                               @Schema(description = "What you may do with it: read, write, execute, delete, share")
                               List<String> permissions, EnsembleView ensemble, Instant createdAt, Instant updatedAt) {
    }

    @RegisterForReflection
    @Schema(name = "StrategyDetail")
    public record StrategyDetail(StrategyView strategy, PerformanceSummary performance, List<SignalView> recentSignals,
                                 Map<String, List<String>> sharedWith) {
    }

    @RegisterForReflection
    @Schema(name = "Ensemble")
    public record EnsembleView(Map<String, Double> strategyWeights, String rebalanceFrequency,
                               Map<String, Double> riskManagement) {
    }

    @RegisterForReflection
    @Schema(name = "Pagination")
    public record Pagination(int page, int size, long total, int pages) {
    }

    @RegisterForReflection
    @Schema(name = "StrategyPage")
    public record StrategyPage(List<StrategyView> items, Pagination pagination) {
    }

    @RegisterForReflection
    @Schema(name = "StrategySignal")
    public record SignalView(long id, String strategyId, String runId, Instant timestamp, String symbol,
                             @Schema(enumeration = {"buy", "sell"}) String side, double price, double size, Double pnl) {
    }

    /** The strategy-management API's StrategyPerformance over a period of the strategy's current or last paper/live run. */
    @RegisterForReflection
    @Schema(name = "StrategyPerformance")
    public record PerformanceSummary(String strategyId, String period, String runId, Instant from, Instant to,
                                     Double totalReturn, Double sharpeRatio, Double sortinoRatio, Double calmarRatio,
                                     Double maxDrawdown, Double winRate, Double profitFactor, int totalTrades,
                                     int winningTrades, int losingTrades, Double pnl, Double currentValue) {
    }

    @RegisterForReflection
    @Schema(name = "StrategyHistoryEntry")
    public record HistoryView(long id, String strategyId, Instant timestamp, String eventType, String user,
                              Map<String, Object> details) {
    }

    @RegisterForReflection
    @Schema(name = "StrategyBacktest")
    public record BacktestView(String strategyId, String runId,
                               @Schema(enumeration = {"starting", "running", "completed", "failed", "stopped"},
                                       description = "running until the run and the analyses asked for are done")
                               String status, String error, double initialCapital,
                               @Schema(description = "Fraction of the run's bars processed, 0..1") double progress,
                               @Schema(description = "While it waits to start: its place in the queue, 1 being next")
                               Integer queuePosition, Double finalValue, PerformanceView performance,
                               Map<String, Object> monteCarlo, Map<String, Object> walkForward,
                               @Schema(description = "Where to read this backtest") String location) {
    }

    @RegisterForReflection
    @Schema(name = "StrategyTemplate")
    public record TemplateView(String id, String name, String description, String category, String strategyType,
                               String riskLevel, Map<String, Object> parameters, List<String> tags, String timeframe,
                               List<Map<String, Object>> parameterSchema) {
    }

    @RegisterForReflection
    @Schema(name = "StrategyCategory")
    public record CategoryView(String name, String description, long strategyCount, long runningCount,
                               List<String> strategyTypes) {
    }

    @RegisterForReflection
    @Schema(name = "StrategyComparison")
    public record ComparisonView(String period, List<String> metrics, List<Map<String, Object>> strategies,
                                 Map<String, List<String>> rankings) {
    }
}
