package io.cracktrader.service.view;

import io.cracktrader.store.DatasetStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An imported dataset: its size, span, detected timeframe and gaps. */
@RegisterForReflection
@Schema(name = "Dataset")
public record DatasetView(String name, @Schema(description = "Symbol label its runs report") String symbol,
                          int bars, Instant start, Instant end,
                          @Schema(description = "Detected from the most common spacing of the bars") String timeframe,
                          @Schema(description = "Steps longer than the timeframe (weekends of daily stock data count)")
                          int gaps,
                          @Schema(description = "The first gaps, at most 20") List<Gap> gapList,
                          long sizeBytes, Instant createdAt) {

    @RegisterForReflection
    public record Gap(Instant after, Instant before, long missingBars) {
    }

    public static DatasetView of(DatasetStore.DatasetInfo i) {
        return new DatasetView(i.name(), i.symbol(), i.bars(), Instant.ofEpochMilli(i.start()),
                Instant.ofEpochMilli(i.end()), i.timeframe(), i.gapCount(),
                i.gaps().stream().map(g -> new Gap(Instant.ofEpochMilli(g.after()), Instant.ofEpochMilli(g.before()),
                        g.missingBars())).toList(),
                i.sizeBytes(), Instant.ofEpochMilli(i.createdAt()));
    }
}
