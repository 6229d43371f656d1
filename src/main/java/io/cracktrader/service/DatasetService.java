package io.cracktrader.service;

import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.CsvBars;
import io.cracktrader.engine.data.SeriesProfile;
import io.cracktrader.error.ConflictException;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.security.Caller;
import io.cracktrader.service.view.DatasetView;
import io.cracktrader.store.DatasetStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Imports OHLCV data from CSV so runs can use it instead of exchange data. */
@ApplicationScoped
public class DatasetService {

    private final DatasetStore store;

    public DatasetService(DatasetStore store) {
        this.store = store;
    }

    /** Validates and stores the CSV as dataset {@code name}; 409 when it exists and {@code replace} is false. */
    public Uni<DatasetView> importCsv(Caller caller, String name, String symbol, String csv, boolean replace) {
        return Blocking.call(() -> {
            Map<String, String> errors = new LinkedHashMap<>();
            if (!DatasetStore.validName(name)) {
                errors.put("name", "must be 1-64 letters, digits, '_', '-' or '.', starting with a letter or digit");
            }
            if (csv == null || csv.isBlank()) {
                errors.put("body", "send the CSV rows (timestamp,open,high,low,close,volume) as text/csv");
            }
            if (!errors.isEmpty()) {
                throw new InvalidRequestException(errors);
            }
            DatasetStore.DatasetInfo existing = store.find(name).orElse(null);
            if (existing != null && !existing.changeableBy(caller.username(), caller.isAdmin())) {
                throw new ConflictException("The name " + name + " is taken; choose another");
            }
            if (existing != null && !replace) {
                throw new ConflictException("Dataset " + name + " exists; add replace=true to overwrite");
            }
            String label = symbol == null || symbol.isBlank() ? name : symbol.strip();
            BarSeries bars;
            SeriesProfile profile;
            try {
                bars = CsvBars.read(new StringReader(csv), label, null);
            } catch (CsvBars.BadRowException e) {
                throw new InvalidRequestException("Row " + e.line() + " is invalid",
                        Map.of("line", e.line(), "row", e.getMessage()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                profile = SeriesProfile.of(bars);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException(Map.of("body", e.getMessage()));
            }
            List<DatasetStore.Gap> gaps = profile.firstGaps().stream()
                    .map(g -> new DatasetStore.Gap(g.after(), g.before(), g.missingBars())).toList();
            DatasetStore.DatasetInfo info = new DatasetStore.DatasetInfo(name, label, profile.timeframe().code(),
                    bars.size(), bars.time(0), bars.time(bars.size() - 1), profile.gapCount(), gaps,
                    System.currentTimeMillis(), 0, existing != null ? existing.owner() : caller.username());
            return DatasetView.of(store.save(info, bars));
        });
    }

    /** The datasets the caller may read (README, "Security"). */
    public Uni<List<DatasetView>> list(Caller caller) {
        return Blocking.call(() -> store.list().stream().filter(d -> d.readableBy(caller.username(), caller.isAdmin()))
                .map(DatasetView::of).toList());
    }

    /** Null when there is no such dataset or the caller may not read it. */
    public Uni<DatasetView> get(Caller caller, String name) {
        return Blocking.call(() -> store.find(name).filter(d -> d.readableBy(caller.username(), caller.isAdmin()))
                .map(DatasetView::of).orElse(null));
    }

    /** Null when there is no such dataset for the caller; only its importer or the administrator deletes it. */
    public Uni<Boolean> delete(Caller caller, String name) {
        return Blocking.call(() -> {
            DatasetStore.DatasetInfo d = store.find(name)
                    .filter(x -> x.readableBy(caller.username(), caller.isAdmin())).orElse(null);
            if (d == null) {
                return null;
            }
            if (!d.changeableBy(caller.username(), caller.isAdmin())) {
                throw new NotPermittedException("Only an administrator deletes a dataset imported before datasets had owners");
            }
            return store.delete(name) ? Boolean.TRUE : null;
        });
    }

}
