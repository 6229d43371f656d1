package io.cracktrader.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.engine.broker.Sizing;
import io.cracktrader.engine.portfolio.Fill;
import io.cracktrader.engine.portfolio.OpenPosition;
import io.cracktrader.engine.portfolio.PortfolioOutcome;
import io.cracktrader.service.view.PerformanceView;
import io.cracktrader.service.view.PositionView;
import io.cracktrader.store.StoredRun;
import io.cracktrader.store.TradeRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Runs to and from their stored form: the row of a run, its fills, and the JSON columns (the
 * normalised request, metrics, open positions) that only the store's format needs.
 */
@ApplicationScoped
public class RunRecords {
    private final ObjectMapper json;

    public RunRecords(ObjectMapper json) {
        this.json = json;
    }

    /** The row of an active run as of now. Its fill count is what the journal has stored, as its trades page shows. */
    StoredRun stored(ActiveRun run) {
        return row(run, run.status, run.error, run.stopReason, null, null);
    }

    /**
     * The final row of a run that ends with {@code status}, written before anyone is told it ended;
     * with an outcome, its figures are the outcome's.
     */
    StoredRun ended(ActiveRun run, RunStatus status, String error, StopReason stopReason, PortfolioOutcome outcome,
                    long finishedAt) {
        return row(run, status, error, stopReason, outcome, finishedAt);
    }

    private StoredRun row(ActiveRun run, RunStatus status, String error, StopReason stopReason, PortfolioOutcome outcome,
                          Long finishedAt) {
        RunSpec spec = run.spec;
        long now = System.currentTimeMillis();
        double cash = outcome != null ? outcome.cash() : run.control.cash();
        double value = outcome != null ? outcome.metrics().finalValue() : run.control.value();
        int trades = outcome != null ? outcome.fills().size() : (int) run.fillsDurable;
        double progress = spec.mode() == RunMode.BACKTEST
                ? (status == RunStatus.COMPLETED ? 1.0 : run.control.progress()) : 0.0;
        return new StoredRun(run.id, spec.mode().code(), spec.strategy().name(), spec.exchange(), spec.symbols(),
                spec.timeframe().code(), requestJson(spec), status.code(), error, run.createdAt, run.startedAt,
                finishedAt, run.startedAt == null ? null : run.runtimeSeconds(now), progress,
                run.control.barsProcessed(), spec.initialCash(), Double.isNaN(cash) ? null : cash,
                Double.isNaN(value) ? null : value, trades,
                outcome == null ? null : write(PerformanceView.of(outcome.metrics(), outcome.benchmarkReturn())),
                outcome == null ? null : write(positions(outcome.positions())), run.origin.owner(),
                run.origin.strategyId(), stopReason == null ? null : stopReason.code());
    }

    static TradeRow row(Fill f) {
        return new TradeRow((int) f.seq(), f.time(), f.symbol(), f.buy() ? "buy" : "sell", f.size(), f.price(),
                f.commission(), f.closesRoundTrip() ? f.pnl() : null);
    }

    static List<PositionView> positions(List<OpenPosition> positions) {
        return positions.stream().map(p -> new PositionView(p.symbol(), p.longSide() ? "long" : "short", p.size(),
                p.entryPrice(), p.markPrice(), p.unrealizedPnl())).toList();
    }

    /** The normalised request, as stored and shown back: every default filled in, never the credentials. */
    String requestJson(RunSpec spec) {
        return write(request(spec));
    }

    static RunRequest request(RunSpec spec) {
        Sizing sizing = spec.sizing();
        return new RunRequest(spec.strategy().name(), spec.parameters(), spec.symbols(), spec.timeframe().code(),
                Instant.ofEpochMilli(spec.fromMillis()).toString(), Instant.ofEpochMilli(spec.toMillis()).toString(),
                spec.initialCash(), spec.dataset() == null ? spec.exchange() : null, null, spec.mode().code(),
                spec.commission(), spec.slippage(), spec.dataset(),
                new RunRequest.SizingRequest(sizing.mode().name().toLowerCase(Locale.ROOT), sizing.value(),
                        sizing.mode() == Sizing.Mode.RISK ? sizing.stopDistance() : null),
                spec.fixedCommission(), spec.allowShort());
    }

    RunRequest request(StoredRun stored) {
        return read(stored.request(), RunRequest.class);
    }

    PerformanceView metrics(StoredRun stored) {
        return stored.metrics() == null ? null : read(stored.metrics(), PerformanceView.class);
    }

    List<PositionView> positions(StoredRun stored) {
        return stored.positions() == null ? List.of() : List.of(read(stored.positions(), PositionView[].class));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }
}
