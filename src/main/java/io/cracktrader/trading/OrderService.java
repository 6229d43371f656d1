package io.cracktrader.trading;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.error.ConflictException;
import io.cracktrader.error.ExchangeFailureException;
import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.NotFoundException;
import io.cracktrader.error.NotPermittedException;
import io.cracktrader.error.ServiceException;
import io.cracktrader.exchange.ExchangeCalls;
import io.cracktrader.exchange.ExchangeModule;
import io.cracktrader.exchange.Symbols;
import io.cracktrader.exchange.registry.ExchangeRegistry;
import io.cracktrader.exchange.simulated.SimulatedMarketData;
import io.cracktrader.exchange.xchange.ExchangeConnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The orders API's rules, whatever the venue: validation and pre-trade checks (instrument minimums and
 * precision from the exchange's metadata, available funds, the configured maximum notional, live
 * trading only when enabled), idempotent submission by {@code client_order_id}, and the record of
 * every order. An order is stored as {@code pending} before it is sent, so a crash or a lost answer
 * leaves a trace that the next read reconciles with the exchange rather than a second order.
 */
@ApplicationScoped
public class OrderService {
    /** Far beyond any real order, and far enough below overflow that sums of fills stay exact enough. */
    private static final double MAX_NUMBER = 1e15;
    private static final Logger LOG = Logger.getLogger(OrderService.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,36}");
    private static final double STEP_TOLERANCE = 1e-9;

    /** An order and whether this request created it (false: an earlier request with the same key did). */
    public record Placed(OrderView order, boolean created) {
    }

    private final OrderStore store;
    private final SimulatedVenue simulated;
    private final ExchangeRegistry exchanges;
    private final OrderEvents events;
    private final CracktraderConfig config;
    private final MeterRegistry meters;
    private final Map<String, TradingVenue> venues = new LinkedHashMap<>();

    public OrderService(OrderStore store, SimulatedVenue simulated, ExchangeRegistry exchanges, ExchangeConnector connector,
                        ExchangeCalls calls, CredentialStore credentials, OrderEvents events, CracktraderConfig config,
                        MeterRegistry meters) {
        this.store = store;
        this.simulated = simulated;
        this.exchanges = exchanges;
        this.events = events;
        this.config = config;
        this.meters = meters;
        venues.put(simulated.name(), simulated);
        for (ExchangeModule m : exchanges.modules()) {
            if (!m.simulated()) {
                venues.put(m.name(), "binance".equals(m.name())
                        ? new BinanceVenue(m, connector, calls, exchanges.find(m.name()), credentials)
                        : new XChangeVenue(m, connector, calls, exchanges.find(m.name()), credentials));
            }
        }
    }

    void start(@Observes StartupEvent event) {
        simulated.onFill(events::changed);
    }

    /** The venue called {@code name} (default: configured), or a 422 naming the known ones. */
    public TradingVenue venue(String name) {
        String key = name == null || name.isBlank() ? exchanges.defaultExchange() : name.toLowerCase(Locale.ROOT);
        TradingVenue venue = venues.get(key);
        if (venue == null) {
            throw new InvalidRequestException(Map.of("exchange", "unknown exchange '" + name + "'; one of "
                    + String.join(", ", venues.keySet())));
        }
        return venue;
    }

    public List<String> venueNames() {
        return List.copyOf(venues.keySet());
    }

    /** Blocking: validates, checks, and places, or returns the order an earlier request with the same key placed. */
    public Placed place(String owner, PlaceOrderRequest r, String exchangeParam) {
        TradingVenue venue = venue(r.exchange() != null ? r.exchange() : exchangeParam);
        OrderRecord order = validate(owner, venue, r);
        Optional<OrderRecord> earlier = store.findByClientId(owner, venue.name(), order.clientOrderId());
        if (earlier.isPresent()) {
            return new Placed(OrderView.of(resume(venue, earlier.get())), false);
        }
        preTradeChecks(venue, order);
        if (!store.insert(order)) {
            OrderRecord other = store.findByClientId(owner, venue.name(), order.clientOrderId()).orElseThrow();
            return new Placed(OrderView.of(resume(venue, other)), false);
        }
        return new Placed(OrderView.of(send(venue, order)), true);
    }

    /** Sends a pending order; after an ambiguous failure looks it up by client id, and sends again only if absent. */
    private OrderRecord send(TradingVenue venue, OrderRecord order) {
        OrderRecord result;
        long started = System.nanoTime();
        try {
            result = venue.place(order);
        } catch (ExchangeFailureException e) {
            if (!e.ambiguous()) {
                store.update(order.withStatus(OrderRecord.REJECTED, e.getMessage()));
                counted(venue, "rejected", started);
                throw e;
            }
            LOG.warnf("Order %s: no clear answer from %s (%s); looking it up by its client id", order.id(), venue.name(),
                    e.failure());
            result = venue.lookup(order).orElseGet(() -> {
                LOG.infof("Order %s is not at %s; sending it again", order.id(), venue.name());
                return venue.place(order);
            });
        } catch (ServiceException e) {
            store.update(order.withStatus(OrderRecord.REJECTED, e.getMessage()));
            counted(venue, "rejected", started);
            throw e;
        }
        counted(venue, result.status(), started);
        if (venue != simulated) {
            store.update(result);
        }
        events.changed(result);
        LOG.infof("Order %s %s %s %s %s on %s: %s", order.id(), order.side(), order.type(), order.amount(), order.symbol(),
                venue.name(), result.status());
        return result;
    }

    /** Orders sent, by venue and the status they came back with, and how long the venue took to answer. */
    private void counted(TradingVenue venue, String result, long startedNanos) {
        meters.counter("cracktrader.orders", "exchange", venue.name(), "result", result).increment();
        Timer.builder("cracktrader.order").description("Time from sending an order to the venue's answer")
                .tag("exchange", venue.name()).publishPercentileHistogram().register(meters)
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** An order seen again (same client id, or listed): a pending one is reconciled with the venue first. */
    private OrderRecord resume(TradingVenue venue, OrderRecord order) {
        if (!OrderRecord.PENDING.equals(order.status())) {
            return order;
        }
        Optional<OrderRecord> found = venue.lookup(order);
        if (found.isPresent()) {
            store.update(found.get());
            events.changed(found.get());
            return found.get();
        }
        return send(venue, order);
    }

    /** Orders of {@code owner}, newest first; working ones on real exchanges are refreshed from the exchange. */
    public List<OrderView> list(String owner, String exchange, String status, String symbol, int limit) {
        String venueName = exchange == null || exchange.isBlank() ? null : venue(exchange).name();
        List<String> statuses = status == null || status.isBlank() ? null : statusFilter(status);
        String pair = symbol == null || symbol.isBlank() ? null : Symbols.normalize(symbol, "symbol");
        return store.list(owner, venueName, statuses, pair, limit).stream().map(o -> {
            if (!o.working() || SimulatedMarketData.NAME.equals(o.exchange())) {
                return OrderView.of(o);
            }
            try {
                OrderRecord fresh = OrderRecord.PENDING.equals(o.status()) ? resume(venue(o.exchange()), o)
                        : venue(o.exchange()).refresh(o);
                if (!fresh.equals(o)) {
                    store.update(fresh);
                    events.changed(fresh);
                }
                return OrderView.of(fresh);
            } catch (ServiceException e) {
                return OrderView.of(o); // the exchange is unreachable: show what is known
            }
        }).toList();
    }

    public OrderView cancel(String owner, String orderId) {
        OrderRecord order = store.find(orderId).filter(o -> o.owner().equals(owner))
                .orElseThrow(() -> new NotFoundException("No order " + orderId));
        if (!order.working()) {
            throw new ConflictException("Order " + orderId + " is " + order.status() + " and cannot be cancelled");
        }
        TradingVenue venue = venue(order.exchange());
        OrderRecord cancelled = venue.cancel(order);
        if (venue != simulated) {
            store.update(cancelled);
        }
        events.changed(cancelled);
        return OrderView.of(cancelled);
    }

    /** Filled orders of {@code owner} on an exchange, oldest first, for positions. */
    public List<OrderRecord> executed(String owner, String exchange) {
        return store.executed(owner, exchange);
    }

    // ---- checks ----

    private OrderRecord validate(String owner, TradingVenue venue, PlaceOrderRequest r) {
        Map<String, String> errors = new LinkedHashMap<>();
        String symbol = r.symbol() == null ? null : r.symbol().toUpperCase(Locale.ROOT).replace('-', '/');
        if (symbol == null || !Symbols.PATTERN.matcher(symbol).matches()) {
            errors.put("symbol", "required, written BASE/QUOTE (e.g. BTC/USDT)");
        }
        String side = r.side() == null ? null : r.side().toLowerCase(Locale.ROOT);
        if (!"buy".equals(side) && !"sell".equals(side)) {
            errors.put("side", "must be buy or sell");
        }
        String type = r.type() == null ? "limit" : r.type().toLowerCase(Locale.ROOT);
        ExchangeModule module = exchanges.module(venue.name());
        if (!module.orderTypes().contains(type)) {
            errors.put("type", "must be one of " + String.join(", ", module.orderTypes()) + " on " + venue.name());
        }
        if (r.amount() == null || !(r.amount() > 0) || r.amount() > MAX_NUMBER) {
            errors.put("amount", "must be a positive number of base units, at most " + plain(MAX_NUMBER));
        }
        if ("limit".equals(type) && (r.price() == null || !(r.price() > 0) || r.price() > MAX_NUMBER)) {
            errors.put("price", "a limit order needs a positive price, at most " + plain(MAX_NUMBER));
        }
        if ("stop".equals(type) && (r.stopPrice() == null || !(r.stopPrice() > 0) || r.stopPrice() > MAX_NUMBER)) {
            errors.put("stop_price", "a stop order needs a positive stop_price, at most " + plain(MAX_NUMBER));
        }
        if (errors.isEmpty() && r.amount() * (r.price() != null ? r.price() : r.stopPrice() != null ? r.stopPrice() : 1)
                > MAX_NUMBER) {
            errors.put("amount", "the order is worth more than " + plain(MAX_NUMBER) + " of the quote currency");
        }
        if (r.clientOrderId() != null && !CLIENT_ID.matcher(r.clientOrderId()).matches()) {
            errors.put("client_order_id", "1-36 characters of A-Z a-z 0-9 _ -");
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (venue instanceof XChangeVenue x && !x.sandbox(owner) && !config.live().enabled()) {
            throw new NotPermittedException("Live trading is disabled: orders on " + venue.name() + " with real-account keys "
                    + "need cracktrader.live.enabled=true (or store sandbox keys to use the testnet)");
        }
        long now = System.currentTimeMillis();
        String id = UUID.randomUUID().toString();
        String clientId = r.clientOrderId() != null ? r.clientOrderId() : "ct-" + id.replace("-", "").substring(0, 29);
        return new OrderRecord(id, owner, venue.name(), clientId, null, symbol, side, type, r.amount(),
                "limit".equals(type) ? r.price() : null, "stop".equals(type) ? r.stopPrice() : null, OrderRecord.PENDING,
                0, null, 0, 0, null, now, now);
    }

    private void preTradeChecks(TradingVenue venue, OrderRecord o) {
        TradingVenue.InstrumentRules rules = venue.rules(o.symbol());
        double reference = o.price() != null ? o.price() : o.stopPrice() != null ? o.stopPrice() : venue.lastPrice(o.symbol());
        Map<String, String> errors = new LinkedHashMap<>();
        if (rules.minAmount() != null && o.amount() < rules.minAmount() * (1 - STEP_TOLERANCE)) {
            errors.put("amount", "below " + venue.name() + "'s minimum of " + plain(rules.minAmount()) + " " + o.base());
        } else if (!onGrid(o.amount(), rules.amountStep())) {
            errors.put("amount", "must be a multiple of " + plain(rules.amountStep()) + " on " + venue.name());
        }
        if (o.price() != null && !onGrid(o.price(), rules.priceStep())) {
            errors.put("price", "must be a multiple of the tick " + plain(rules.priceStep()));
        }
        if (o.stopPrice() != null && !onGrid(o.stopPrice(), rules.priceStep())) {
            errors.put("stop_price", "must be a multiple of the tick " + plain(rules.priceStep()));
        }
        double notional = o.amount() * reference;
        if (rules.minNotional() != null && notional < rules.minNotional()) {
            errors.put("amount", "the order is worth about " + plain(notional) + " " + o.quote() + ", below "
                    + venue.name() + "'s minimum of " + plain(rules.minNotional()));
        }
        if (notional > config.trading().maxNotional()) {
            errors.put("amount", "the order is worth about " + plain(notional) + " " + o.quote()
                    + ", above the configured maximum of " + plain(config.trading().maxNotional()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        String asset = o.buy() ? o.quote() : o.base();
        double needed = o.buy() ? notional : o.amount();
        double free = venue.balances(o.owner()).stream().filter(b -> b.asset().equals(asset))
                .mapToDouble(TradingVenue.Balance::free).sum();
        if (free < needed) {
            throw new InvalidRequestException("Insufficient funds: the order needs about "
                    + plain(needed) + " " + asset + " and " + plain(free) + " is available on " + venue.name(),
                    Map.of("amount", "insufficient " + asset));
        }
    }

    private static boolean onGrid(double value, Double step) {
        if (step == null || step <= 0) {
            return true;
        }
        double units = value / step;
        return Math.abs(units - Math.rint(units)) <= STEP_TOLERANCE * Math.max(1, Math.abs(units));
    }

    private static List<String> statusFilter(String status) {
        List<String> known = List.of(OrderRecord.PENDING, OrderRecord.OPEN, OrderRecord.PARTIALLY_FILLED,
                OrderRecord.FILLED, OrderRecord.CANCELLED, OrderRecord.REJECTED);
        List<String> asked = List.of(status.toLowerCase(Locale.ROOT).split(","));
        for (String s : asked) {
            if (!known.contains(s.trim()) && !"canceled".equals(s.trim())) {
                throw new InvalidRequestException(Map.of("status", "one or more (comma-separated) of " + String.join(", ", known)));
            }
        }
        return asked.stream().map(String::trim).map(s -> "canceled".equals(s) ? OrderRecord.CANCELLED : s).toList();
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
