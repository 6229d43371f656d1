package io.cracktrader.service.view;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of a run. */
@RegisterForReflection
@Schema(name = "RunResults")
public record ResultsView(
        String runId,
        String status,
        String mode,
        String strategyName,
        List<String> symbols,
        String timeframe,
        DataSourceView dataSource,
        double initialCash,
        @Schema(description = "Cash plus open positions marked to the last close") Double finalValue,
        Double pnl,
        PerformanceView performanceMetrics,
        @Schema(description = "Every fill, in time order") List<TradeView> trades,
        List<PositionView> openPositions,
        @Schema(description = "Equity after each bar, evenly downsampled to the configured maximum; "
                + "the full curve is at /api/v1/runs/{id}/equity") List<EquityPointView> equityCurve,
        int equityPointsTotal,
        String error) {
}
