package io.cracktrader.service.view;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Status plus the latest trades, the (downsampled) equity curve and the metrics so far. */
@RegisterForReflection
public record DetailedStatusView(@JsonUnwrapped RunView run, List<TradeView> recentTrades,
                                 List<EquityPointView> equityCurve, PerformanceView performanceMetrics) {
}
