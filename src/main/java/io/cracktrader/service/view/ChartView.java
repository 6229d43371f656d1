package io.cracktrader.service.view;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The bars one symbol of a run traded on, for a candlestick chart, with the strategy's indicators
 * computed over the same bars. Long runs are merged into coarser candles (exact OHLCV of the bars
 * merged) so that at most the requested number come back.
 */
@RegisterForReflection
@Schema(name = "RunChart")
public record ChartView(String runId, String symbol, String timeframe,
                        @Schema(description = "Run bars merged into each candle (1 = the run's own bars)") int barsPerCandle,
                        @Schema(description = "Rows [open_time_epoch_ms, open, high, low, close, volume]")
                        List<List<Number>> candles,
                        @Schema(description = "Indicator lines the strategy trades on, one value per candle (its last bar)")
                        List<Overlay> overlays) {

    @RegisterForReflection
    @Schema(name = "ChartOverlay")
    public record Overlay(String name,
                          @Schema(description = "Rows [open_time_epoch_ms, value]; absent while the indicator warms up")
                          List<List<Number>> points) {
    }
}
