package io.cracktrader.service.strategy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.engine.metrics.EquityStats;
import io.cracktrader.engine.metrics.PerformanceMetrics;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.security.Caller;
import io.cracktrader.service.RunQueries;
import io.cracktrader.service.strategy.StrategyViews.ComparisonView;
import io.cracktrader.service.strategy.StrategyViews.HistoryView;
import io.cracktrader.service.strategy.StrategyViews.PerformanceSummary;
import io.cracktrader.service.strategy.StrategyViews.SignalView;
import io.cracktrader.service.view.EquityPointView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.store.ManagedStrategy;
import io.cracktrader.store.StrategyStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What a configured strategy did: its signals, its performance by period (of its current or last
 * paper run), its history, and comparisons between strategies ranked by metric.
 */
@ApplicationScoped
public class StrategyPerformance {
    public static final Map<String, Long> PERIODS = periods();
    public static final List<String> COMPARE_METRICS = List.of("total_return", "sharpe_ratio", "sortino_ratio",
            "calmar_ratio", "max_drawdown", "win_rate", "profit_factor", "total_trades");

    private final StrategyAccess access;
    private final StrategyStore store;
    private final RunQueries queries;
    private final ObjectMapper json;

    public StrategyPerformance(StrategyAccess access, RunQueries queries, ObjectMapper json) {
        this.access = access;
        this.store = access.store();
        this.queries = queries;
        this.json = json;
    }

    /** The strategy-management API's live performance for a channel: the all-time summary of the strategy's current or last run. */
    public PerformanceSummary livePerformance(Caller caller, String id) {
        return summary(access.require(caller, id, "read"), "all");
    }

    public List<SignalView> signals(Caller caller, String id, int limit, Instant since) {
        access.require(caller, id, "read");
        if (limit < 1 || limit > 500) {
            throw new InvalidRequestException(Map.of("limit", "must be between 1 and 500"));
        }
        return store.signals(id, since == null ? null : since.toEpochMilli(), limit).stream()
                .map(StrategyAccess::signalView).toList();
    }

    public PerformanceSummary performance(Caller caller, String id, String period) {
        ManagedStrategy s = access.require(caller, id, "read");
        if (!PERIODS.containsKey(period)) {
            throw new InvalidRequestException(Map.of("period", "must be one of " + String.join(", ", PERIODS.keySet())));
        }
        return summary(s, period);
    }

    /**
     * The strategy-management API's performance of the strategy's current or last live run over the period that ends at its last
     * equity point (paper time may run faster than the wall clock). Trades are the run's closing signals.
     */
    PerformanceSummary summary(ManagedStrategy s, String period) {
        String runId = s.ensemble() != null ? null : s.currentRunId();
        RunView run = runId == null ? null : queries.find(runId).orElse(null);
        if (run == null || "backtest".equals(run.mode())) {
            return new PerformanceSummary(s.id(), period, null, null, null, null, null, null, null, null, null, null, 0,
                    0, 0, null, null);
        }
        List<EquityPointView> curve = queries.results(runId).equityCurve();
        if (curve.isEmpty()) {
            return new PerformanceSummary(s.id(), period, runId, null, null, 0.0, null, null, null, 0.0, null, null, 0,
                    0, 0, run.pnl(), run.value());
        }
        long to = curve.get(curve.size() - 1).timestamp().toEpochMilli();
        long from = PERIODS.get(period) == 0 ? Long.MIN_VALUE : to - PERIODS.get(period);
        List<EquityPointView> window = curve.stream().filter(p -> p.timestamp().toEpochMilli() >= from).toList();
        EquityStats stats = new EquityStats(window.get(0).value());
        for (EquityPointView p : window) {
            stats.record(p.value());
        }
        double[] pnl = store.signals(s.id(), from == Long.MIN_VALUE ? null : from, 100_000).stream()
                .filter(sig -> runId.equals(sig.runId()) && sig.pnl() != null).mapToDouble(StrategyStore.Signal::pnl)
                .toArray();
        long span = window.get(window.size() - 1).timestamp().toEpochMilli() - window.get(0).timestamp().toEpochMilli();
        double years = span / (365.0 * 86_400_000);
        double barsPerYear = window.size() > 1 && span > 0 ? (window.size() - 1) / years : 1;
        PerformanceMetrics m = PerformanceMetrics.compute(stats, pnl, 0, barsPerYear, years, Double.NaN);
        int losing = (int) Arrays.stream(pnl).filter(v -> v < 0).count();
        return new PerformanceSummary(s.id(), period, runId, window.get(0).timestamp(),
                window.get(window.size() - 1).timestamp(), finite(m.totalReturn()), finite(m.sharpeRatio()),
                finite(m.sortinoRatio()), finite(m.calmarRatio()), finite(m.maxDrawdown()),
                m.totalTrades() == 0 ? null : finite(m.winRate()), finite(m.trades().profitFactor()), m.totalTrades(),
                m.winningTrades(), losing, run.pnl(), run.value());
    }

    public List<HistoryView> history(Caller caller, String id, int limit, String eventType, Instant since) {
        access.require(caller, id, "read");
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException(Map.of("limit", "must be between 1 and 1000"));
        }
        return store.history(id, eventType, since == null ? null : since.toEpochMilli(), limit).stream()
                .map(h -> new HistoryView(h.id(), h.strategyId(), Instant.ofEpochMilli(h.time()), h.eventType(),
                        h.username(), h.details())).toList();
    }

    public ComparisonView compare(Caller caller, List<String> ids, String period, List<String> metrics) {
        List<String> strategyIds = split(ids);
        List<String> wanted = metrics == null || split(metrics).isEmpty() ? COMPARE_METRICS : split(metrics);
        Map<String, String> errors = new LinkedHashMap<>();
        if (strategyIds.size() < 2 || strategyIds.size() > 10 || new LinkedHashSet<>(strategyIds).size() != strategyIds.size()) {
            errors.put("strategy_ids", "give 2 to 10 different strategy ids");
        }
        String p = period == null ? "30d" : period;
        if (!PERIODS.containsKey(p)) {
            errors.put("period", "must be one of " + String.join(", ", PERIODS.keySet()));
        }
        if (!COMPARE_METRICS.containsAll(wanted)) {
            errors.put("metrics", "must be among " + String.join(", ", COMPARE_METRICS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String id : strategyIds) {
            ManagedStrategy s = access.require(caller, id, "read");
            PerformanceSummary perf = summary(s, p);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("strategy_id", id);
            row.put("name", s.name());
            row.put("run_id", perf.runId());
            Map<String, Object> all = json.convertValue(perf, json.getTypeFactory().constructMapType(Map.class,
                    String.class, Object.class));
            for (String metric : wanted) {
                row.put(metric, all.get(metric));
            }
            rows.add(row);
        }
        Map<String, List<String>> rankings = new LinkedHashMap<>();
        for (String metric : wanted) {
            boolean lowerIsBetter = metric.equals("max_drawdown");
            rankings.put(metric, rows.stream().filter(r -> r.get(metric) instanceof Number)
                    .sorted(Comparator.comparingDouble(r -> (lowerIsBetter ? 1 : -1) * ((Number) r.get(metric)).doubleValue()))
                    .map(r -> (String) r.get("strategy_id")).toList());
        }
        return new ComparisonView(p, wanted, rows, rankings);
    }

    private static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> List.of(v.split(",")).stream()).map(String::strip).filter(v -> !v.isEmpty())
                .toList();
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Map<String, Long> periods() {
        Map<String, Long> p = new LinkedHashMap<>();
        p.put("1d", Duration.ofDays(1).toMillis());
        p.put("7d", Duration.ofDays(7).toMillis());
        p.put("30d", Duration.ofDays(30).toMillis());
        p.put("90d", Duration.ofDays(90).toMillis());
        p.put("1y", Duration.ofDays(365).toMillis());
        p.put("all", 0L);
        return p;
    }
}
