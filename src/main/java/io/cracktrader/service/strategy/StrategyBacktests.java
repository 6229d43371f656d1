package io.cracktrader.service.strategy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.analysis.MonteCarlo;
import io.cracktrader.engine.analysis.WalkForward;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.strategy.ParameterSpec;
import io.cracktrader.engine.strategy.StrategyType;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.error.ServiceException;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.security.Caller;
import io.cracktrader.service.RunLeases;
import io.cracktrader.service.RunMode;
import io.cracktrader.service.RunOrchestrator;
import io.cracktrader.service.RunOrigin;
import io.cracktrader.service.RunQueries;
import io.cracktrader.service.RunSpec;
import io.cracktrader.service.strategy.StrategyViews.BacktestView;
import io.cracktrader.service.view.ResultsView;
import io.cracktrader.service.view.RunView;
import io.cracktrader.store.Database;
import io.cracktrader.store.ManagedStrategy;
import io.cracktrader.store.StrategyBacktestStore.StoredBacktest;
import io.cracktrader.store.StrategyBacktestStore;
import io.cracktrader.store.TradeRow;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Backtests of a configured strategy: a run like any other (queued fairly with everyone's backtests,
 * with progress, stopped through the runs API), answered at once with its run id. When the run ends,
 * the analyses asked for beside it are made on the backtest's worker and stored: a Monte Carlo
 * bootstrap of its round trips, and a rolling walk-forward. {@link #get} reads the whole result.
 */
@ApplicationScoped
public class StrategyBacktests {
    private static final Logger LOG = Logger.getLogger(StrategyBacktests.class);
    private static final int MAX_MONTE_CARLO_RUNS = 10_000;
    /** How long after its run completed an analysis may still be in the making on another replica. */
    private static final long ANALYSIS_GRACE_MILLIS = 10 * 60_000;

    public record BacktestRequest(String startDate, String endDate, Double initialCapital, Double commission,
                                  Double slippage, List<String> symbols, Boolean includeMonteCarlo, Integer monteCarloRuns,
                                  Boolean walkForward, Integer walkForwardWindow) {
    }

    /** The analyses asked for, as stored beside the run (JSON, so registered for the native executable). */
    @RegisterForReflection
    record Options(boolean monteCarlo, int monteCarloRuns, boolean walkForward, int walkForwardWindow) {
        boolean any() {
            return monteCarlo || walkForward;
        }
    }

    /** The analyses as stored once the run completed; either may be null. */
    @RegisterForReflection
    record Analysis(Map<String, Object> monteCarlo, Map<String, Object> walkForward) {
    }

    private final StrategyAccess access;
    private final StrategyValidator validator;
    private final RunOrchestrator runs;
    private final RunQueries queries;
    private final ExchangeRegistry exchanges;
    private final StrategyBacktestStore store;
    private final ObjectMapper json;
    private final Database database;

    public StrategyBacktests(StrategyAccess access, StrategyValidator validator, RunOrchestrator runs, RunQueries queries,
                             ExchangeRegistry exchanges, StrategyBacktestStore store, ObjectMapper json, Database database) {
        this.access = access;
        this.validator = validator;
        this.runs = runs;
        this.queries = queries;
        this.exchanges = exchanges;
        this.store = store;
        this.json = json;
        this.database = database;
    }

    /**
     * Analyses cut off by a shutdown or crash will not be made: say so instead of showing them pending.
     * With the embedded database nothing else can be making one; replicas sharing PostgreSQL leave
     * the analyses of recently completed runs to whichever replica ran them.
     */
    void recover(@Observes @Priority(30) StartupEvent event) {
        failAbandoned();
    }

    /** A run whose replica went away ended interrupted: its analysis will not be made either. */
    void onInterrupted(@Observes RunLeases.RunInterrupted event) {
        failAbandoned();
    }

    private void failAbandoned() {
        long completedBefore = database.exclusive() ? Long.MAX_VALUE : System.currentTimeMillis() - ANALYSIS_GRACE_MILLIS;
        int cut = store.failPending("The service stopped before the analyses of this backtest were made; run it again",
                completedBefore);
        if (cut > 0) {
            LOG.warnf("Marked the analyses of %d backtest(s) cut off by a shutdown as failed", cut);
        }
    }

    /** Queues a backtest of the strategy; the view says where to read it ({@link #get}). */
    public BacktestView start(Caller caller, String id, BacktestRequest body) {
        ManagedStrategy s = access.require(caller, id, "read");
        if (s.ensemble() != null) {
            throw new InvalidRequestException(Map.of("strategy_id", "backtest the members of an ensemble one by one"));
        }
        BacktestRequest b = body == null ? new BacktestRequest(null, null, null, null, null, null, null, null, null, null)
                : body;
        Options options = options(b);
        RunSpec spec = validator.asRun(StrategyValidator.request(s, RunMode.BACKTEST.code(), b.startDate(), b.endDate(),
                b.initialCapital(), b.commission() == null ? 0.0 : b.commission(),
                b.slippage() == null ? 0.0 : b.slippage(), b.symbols()));
        RunView started = runs.startRunNow(spec, new RunOrigin(caller.username(), s.id(), new RunOrigin.Observer() {
            @Override
            public void onFinished(RunView run) {
                finished(s.id(), spec, options, run);
            }
        }));
        store.insert(new StoredBacktest(started.runId(), s.id(), write(options), null, null, System.currentTimeMillis()));
        return view(s.id(), started, options, null, null);
    }

    /** The backtest as it stands: its run's status and, once complete, its results and analyses. */
    public BacktestView get(Caller caller, String strategyId, String runId) {
        access.require(caller, strategyId, "read");
        StoredBacktest stored = store.find(runId).filter(b -> b.strategyId().equals(strategyId))
                .orElseThrow(() -> new NotFoundException("No backtest " + runId + " of strategy " + strategyId));
        RunView run = queries.find(runId).orElseThrow(() -> new NotFoundException("The run of backtest " + runId
                + " has been deleted"));
        Options options = read(stored.options(), Options.class);
        Analysis analysis = stored.analysis() == null ? null : read(stored.analysis(), Analysis.class);
        return view(strategyId, run, options, analysis, stored.error());
    }

    private static Options options(BacktestRequest b) {
        Map<String, String> errors = new LinkedHashMap<>();
        int mcRuns = b.monteCarloRuns() == null ? 1000 : b.monteCarloRuns();
        if (mcRuns < 1 || mcRuns > MAX_MONTE_CARLO_RUNS) {
            errors.put("monte_carlo_runs", "must be between 1 and " + MAX_MONTE_CARLO_RUNS);
        }
        int wfWindow = b.walkForwardWindow() == null ? 252 : b.walkForwardWindow();
        if (wfWindow < 20 || wfWindow > 100_000) {
            errors.put("walk_forward_window", "must be between 20 and 100000 bars");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new Options(Boolean.TRUE.equals(b.includeMonteCarlo()), mcRuns, Boolean.TRUE.equals(b.walkForward()),
                wfWindow);
    }

    /**
     * A backtest is completed once its run completed and its analyses are stored; until then it is
     * running. Analyses that could not be made fail it with the reason.
     */
    private BacktestView view(String strategyId, RunView run, Options options, Analysis analysis, String analysisError) {
        String status = run.status();
        String error = run.error();
        if ("completed".equals(status) && analysisError != null) {
            status = "failed";
            error = analysisError;
        } else if ("completed".equals(status) && options.any() && analysis == null) {
            status = "running";
        }
        boolean done = "completed".equals(status);
        ResultsView results = done ? queries.results(run.runId()) : null;
        return new BacktestView(strategyId, run.runId(), status, error, run.initialCash(), run.progress(),
                run.queuePosition(), done ? results.finalValue() : null, done ? results.performanceMetrics() : null,
                done ? analysis == null ? null : analysis.monteCarlo() : null,
                done ? analysis == null ? null : analysis.walkForward() : null,
                "/api/strategies/" + strategyId + "/backtests/" + run.runId());
    }

    /** On the backtest's worker, after its run was stored: the analyses, then the strategy's history. */
    private void finished(String strategyId, RunSpec spec, Options options, RunView run) {
        if ("completed".equals(run.status()) && options.any()) {
            String analysis = null;
            String error = null;
            try {
                List<TradeRow> fills = queries.storedTrades(run.runId());
                analysis = write(new Analysis(options.monteCarlo() ? monteCarlo(fills, spec.initialCash(),
                        options.monteCarloRuns()) : null, options.walkForward()
                        ? walkForward(spec, options.walkForwardWindow()) : null));
            } catch (RuntimeException e) {
                LOG.warnf(e, "Analyses of backtest %s failed", run.runId());
                // Only our own failures are worded for the caller; anything else stays in the log.
                error = "The analyses of this backtest failed: " + (e instanceof ServiceException ? e.getMessage()
                        : "an internal error (logged with run " + run.runId() + ")");
            }
            try {
                store.finish(new StoredBacktest(run.runId(), strategyId, write(options), analysis, error,
                        System.currentTimeMillis()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not store the analyses of backtest %s", run.runId());
            }
        }
        access.runEnded(strategyId, run);
    }

    private static Map<String, Object> monteCarlo(List<TradeRow> fills, double initialCash, int simulations) {
        // Round trips per symbol: an entry fill (no pnl) followed by its exit (with pnl).
        Map<String, TradeRow> entries = new HashMap<>();
        List<Double> returns = new ArrayList<>();
        for (TradeRow t : fills) {
            if (t.pnl() == null) {
                entries.put(t.symbol(), t);
            } else {
                TradeRow entry = entries.remove(t.symbol());
                if (entry != null) {
                    returns.add(t.pnl() / (entry.size() * entry.price() + entry.commission()));
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (returns.isEmpty()) {
            out.put("simulations", 0);
            out.put("message", "no closed trades to resample");
            return out;
        }
        long seed = 42;
        MonteCarlo.Result r = MonteCarlo.bootstrap(returns.stream().mapToDouble(Double::doubleValue).toArray(),
                initialCash, simulations, seed);
        out.put("simulations", r.simulations());
        out.put("seed", r.seed());
        out.put("trades_per_simulation", r.tradesPerSimulation());
        out.put("final_value", percentiles(r.finalValue()));
        out.put("max_drawdown", percentiles(r.maxDrawdown()));
        out.put("probability_of_loss", r.probabilityOfLoss());
        return out;
    }

    private static Map<String, Double> percentiles(double[] values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < MonteCarlo.PERCENTILES.length; i++) {
            out.put("p" + (int) MonteCarlo.PERCENTILES[i], values[i]);
        }
        return out;
    }

    /**
     * Rolling walk-forward on the first symbol: each window of {@code window} bars picks the best of a
     * small grid around the strategy's period parameters, then trades the next quarter-window.
     */
    private Map<String, Object> walkForward(RunSpec spec, int window) {
        BarSeries bars = exchanges.find(spec.exchange()).history(spec.symbols().get(0), spec.timeframe(),
                spec.fromMillis(), spec.toMillis(), new RunControl());
        int outOfSample = Math.max(1, window / 4);
        List<Map<String, Object>> candidates = candidates(spec.strategy(), spec.parameters());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("symbol", spec.symbols().get(0));
        out.put("window_bars", window);
        out.put("out_of_sample_bars", outOfSample);
        out.put("candidates", candidates.size());
        if (bars.size() < window + outOfSample) {
            out.put("windows", List.of());
            out.put("message", "the range has " + bars.size() + " bars; walk-forward needs at least " + (window + outOfSample));
            return out;
        }
        WalkForward.Result r = WalkForward.run(bars, spec.strategy(), candidates, window, outOfSample, spec.commission(),
                spec.slippage());
        out.put("out_of_sample_return", r.outOfSampleReturn());
        out.put("windows", r.windows().stream().map(w -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", w.index());
            m.put("in_sample_start", Instant.ofEpochMilli(w.inSampleStart()).toString());
            m.put("out_of_sample_start", Instant.ofEpochMilli(w.outOfSampleStart()).toString());
            m.put("out_of_sample_end", Instant.ofEpochMilli(w.outOfSampleEnd()).toString());
            m.put("parameters", w.parameters());
            m.put("in_sample_return", w.inSampleReturn());
            m.put("out_of_sample_return", w.outOfSampleReturn());
            return m;
        }).toList());
        return out;
    }

    /** The parameters as given, and each integer "_period" parameter (up to three) at ×0.5 and ×1.5. */
    static List<Map<String, Object>> candidates(StrategyType type, Map<String, Object> resolved) {
        List<Map<String, Object>> grid = new ArrayList<>(List.of(resolved));
        int varied = 0;
        for (ParameterSpec p : type.parameters()) {
            if (!"integer".equals(p.type()) || !p.name().endsWith("_period") || varied == 3) {
                continue;
            }
            varied++;
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> base : grid) {
                int value = ((Number) base.get(p.name())).intValue();
                for (double factor : new double[] {1, 0.5, 1.5}) {
                    Map<String, Object> candidate = new LinkedHashMap<>(base);
                    candidate.put(p.name(), (int) Math.max(p.min(), Math.min(p.max(), Math.round(value * factor))));
                    next.add(candidate);
                }
            }
            grid = next;
        }
        return grid.stream().distinct().filter(c -> type.validate(c).isEmpty()).map(type::resolve).toList();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored backtest is unreadable", e);
        }
    }
}
