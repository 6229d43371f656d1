package io.cracktrader.rest;

import io.cracktrader.engine.RunControl;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.Symbols;
import io.cracktrader.exchange.Ticker;
import io.cracktrader.exchange.cache.CandleStore;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.security.Role.Capability;
import io.cracktrader.service.Blocking;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Market data of the trading API: ticker and OHLCV, from the named exchange (default from configuration). */
@Path("/api/market")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Market data", description = "Tickers and candles (trading API); the simulated exchange's data is synthetic")
public class MarketResource {
    private static final int MAX_LIMIT = 1000;

    /** The trading API's ticker, with where it came from. */
    @RegisterForReflection
    public record TickerView(String symbol, double last, double bid, double ask, double volume,
                             Double change, String exchange, boolean simulated, Instant timestamp) {
    }

    private final ExchangeRegistry exchanges;
    private final CandleStore candles;

    public MarketResource(ExchangeRegistry exchanges, CandleStore candles) {
        this.exchanges = exchanges;
        this.candles = candles;
    }

    @GET
    @Path("/ticker/{symbol: .+}")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "Ticker of a symbol (BTC/USDT; BTC-USDT also accepted): last, bid, ask, 24 h volume and change (%)")
    public Uni<TickerView> ticker(@PathParam("symbol") String symbol,
                                  @Parameter(description = "Exchange; default from configuration") @QueryParam("exchange") String exchange) {
        String pair = symbol(symbol);
        MarketDataSource source = source(exchange);
        return Blocking.call(() -> {
            Ticker t = source.ticker(pair);
            return new TickerView(pair, t.last(), t.bid(), t.ask(), t.volume(), Double.isNaN(t.change()) ? null : t.change(),
                    source.name(), source.simulated(), Instant.ofEpochMilli(t.timestamp()));
        });
    }

    @GET
    @Path("/ohlcv/{symbol: .+}")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "The latest closed candles as [epoch_ms, open, high, low, close, volume], oldest first")
    public Uni<Map<String, Object>> ohlcv(@PathParam("symbol") String symbol,
                                          @Parameter(description = "1m 5m 15m 30m 1h 4h 1d 1w") @QueryParam("timeframe")
                                          @DefaultValue("1h") String timeframe,
                                          @Parameter(description = "Candles, 1-1000") @QueryParam("limit")
                                          @DefaultValue("100") int limit,
                                          @QueryParam("exchange") String exchange) {
        String pair = symbol(symbol);
        Timeframe tf = Timeframe.fromCode(timeframe);
        Map<String, String> errors = new LinkedHashMap<>();
        if (tf == null) {
            errors.put("timeframe", "must be one of " + Timeframe.codes());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            errors.put("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        MarketDataSource source = source(exchange);
        if (!source.timeframes().contains(tf)) {
            throw new InvalidRequestException(Map.of("timeframe", source.name() + " has no " + tf.code() + " candles"));
        }
        return Blocking.call(() -> {
            long now = System.currentTimeMillis();
            long end = Math.floorDiv(now, tf.millis()) * tf.millis();
            BarSeries bars = source.history(pair, tf, end - (long) limit * tf.millis(), end, new RunControl());
            List<double[]> rows = new ArrayList<>(bars.size());
            for (int i = Math.max(0, bars.size() - limit); i < bars.size(); i++) {
                rows.add(new double[] {bars.time(i), bars.open(i), bars.high(i), bars.low(i), bars.close(i), bars.volume(i)});
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("data", rows.stream().map(r -> List.of((long) r[0], r[1], r[2], r[3], r[4], r[5])).toList());
            out.put("symbol", pair);
            out.put("timeframe", tf.code());
            out.put("exchange", source.name());
            out.put("simulated", source.simulated());
            return out;
        });
    }

    @GET
    @Path("/cache")
    @RolesAllowed(Capability.READ)
    @Operation(summary = "What the local candle cache holds: per exchange, symbol and timeframe, the fetched "
            + "open-time ranges [from, to) in epoch ms and their candle counts")
    public Uni<Map<String, Object>> cache() {
        return Blocking.call(() -> Map.of("ranges", candles.coverage()));
    }

    @DELETE
    @Path("/cache")
    @RolesAllowed(Capability.ADMIN)
    @Operation(summary = "Forget cached candles (all, or of one exchange, symbol and/or timeframe); the next run "
            + "downloads them again")
    public Uni<Map<String, Object>> invalidate(@QueryParam("exchange") String exchange,
                                               @Parameter(description = "BTC/USDT or BTC-USDT") @QueryParam("symbol") String symbol,
                                               @QueryParam("timeframe") String timeframe) {
        String pair = symbol == null || symbol.isBlank() ? null : symbol(symbol);
        String ex = exchange == null || exchange.isBlank() ? null : source(exchange).name();
        if (timeframe != null && Timeframe.fromCode(timeframe) == null) {
            throw new InvalidRequestException(Map.of("timeframe", "must be one of " + Timeframe.codes()));
        }
        return Blocking.call(() -> Map.of("removed_candles", candles.invalidate(ex, pair, timeframe)));
    }

    private MarketDataSource source(String exchange) {
        String name = exchange == null || exchange.isBlank() ? exchanges.defaultExchange() : exchange.toLowerCase(Locale.ROOT);
        MarketDataSource source = exchanges.find(name);
        if (source == null) {
            throw new InvalidRequestException(Map.of("exchange", "unknown exchange '" + exchange + "'; see GET /api/v1/exchanges"));
        }
        return source;
    }

    private static String symbol(String raw) {
        return Symbols.normalize(raw, "symbol");
    }
}
