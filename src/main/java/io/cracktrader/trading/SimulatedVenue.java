package io.cracktrader.trading;

import io.cracktrader.config.CracktraderConfig;
import io.cracktrader.engine.data.BarSeries;
import io.cracktrader.engine.data.Timeframe;
import io.cracktrader.error.ConflictException;
import io.cracktrader.exchange.simulated.SimulatedClock;
import io.cracktrader.exchange.simulated.SimulatedMarketData;
import io.cracktrader.exchange.simulated.SyntheticMarket;
import io.cracktrader.store.Database;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The built-in exchange: each user has an account (funded from {@code initial-balances} on first
 * use), orders match against the synthetic market on the simulated clock, and every change to an
 * order and the balances it moves is one database transaction, so a crash never leaves them apart.
 *
 * <p>Matching: a market order fills at once at the ask (buy) or bid (sell), one tick from the last
 * price. A limit order that is marketable fills at once at the touch; otherwise it rests, holding its
 * funds (a buy: amount × limit × (1 + fee) of the quote; a sell: the amount of the base), and fills
 * at its limit when the market trades through it. A stop order holds the same funds and, once the
 * market reaches its stop, fills at the stop one tick worse. Between checks (every
 * {@code match-interval}) the market's high and low over the elapsed time decide, as in backtests.
 * Fees are {@code fee} × notional, paid in the quote currency.
 */
@ApplicationScoped
public class SimulatedVenue implements TradingVenue {
    private static final Logger LOG = Logger.getLogger(SimulatedVenue.class);
    private static final double EPSILON = 1e-12;

    private final Database db;
    private final OrderStore orders;
    private final SimulatedClock clock;
    private final SimulatedMarketData market;
    private final double feeRate;
    private final Map<String, Double> initialBalances = new LinkedHashMap<>();
    private final long matchIntervalMillis;
    private final Map<String, SyntheticMarket> markets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService matcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulated-matcher");
        t.setDaemon(true);
        return t;
    });
    /** Market time up to which resting orders have been checked. */
    private long checkedUntil;
    private volatile Consumer<OrderRecord> listener = o -> { };

    public SimulatedVenue(Database db, OrderStore orders, SimulatedClock clock, SimulatedMarketData market,
                          CracktraderConfig config) {
        this.db = db;
        this.orders = orders;
        this.clock = clock;
        this.market = market;
        CracktraderConfig.Simulated sim = config.exchanges().simulated();
        this.feeRate = sim.fee();
        this.matchIntervalMillis = Math.max(10, sim.matchInterval().toMillis());
        for (String pair : sim.initialBalances()) {
            String[] kv = pair.split("=", 2);
            initialBalances.put(kv[0].trim().toUpperCase(Locale.ROOT), Double.parseDouble(kv[1].trim()));
        }
    }

    void start(@Observes StartupEvent event) {
        checkedUntil = clock.now();
        matcher.scheduleWithFixedDelay(this::matchSafely, matchIntervalMillis, matchIntervalMillis, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        matcher.shutdownNow();
    }

    /** Called with every order the matcher fills, for live updates. */
    public void onFill(Consumer<OrderRecord> listener) {
        this.listener = listener;
    }

    @Override
    public String name() {
        return SimulatedMarketData.NAME;
    }

    @Override
    public InstrumentRules rules(String symbol) {
        double tick = market(symbol).tickSize();
        return new InstrumentRules(1e-8, 1e-8, tick, 1.0);
    }

    @Override
    public double lastPrice(String symbol) {
        return market(symbol).lastPrice(clock.now());
    }

    @Override
    public synchronized List<Balance> balances(String owner) {
        return db.writeAndGet("open simulated account", c -> {
            ensureAccount(c, owner);
            List<Balance> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT asset, free, locked FROM sim_balances WHERE account=? "
                    + "ORDER BY asset")) {
                ps.setString(1, owner);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Balance(rs.getString(1), rs.getDouble(2), rs.getDouble(3)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public synchronized OrderRecord place(OrderRecord order) {
        return db.writeAndGet("simulated order", c -> {
            ensureAccount(c, order.owner());
            OrderRecord result = accept(c, order, clock.now());
            OrderStore.update(c, result);
            return result;
        });
    }

    /** The simulated venue answers every call, so an order is never in doubt: it is the stored one. */
    @Override
    public Optional<OrderRecord> lookup(OrderRecord order) {
        return orders.find(order.id()).filter(o -> !OrderRecord.PENDING.equals(o.status()));
    }

    @Override
    public synchronized OrderRecord cancel(OrderRecord order) {
        return db.writeAndGet("cancel simulated order", c -> {
            OrderRecord current = OrderStore.find(c, order.id()).orElseThrow();
            if (!current.working()) {
                throw new ConflictException("Order " + order.id() + " is " + current.status() + " and cannot be cancelled");
            }
            release(c, current);
            OrderRecord cancelled = current.withVenueState(current.exchangeOrderId(), OrderRecord.CANCELLED,
                    current.filled(), current.averagePrice(), current.fee(), 0, null);
            OrderStore.update(c, cancelled);
            return cancelled;
        });
    }

    @Override
    public OrderRecord refresh(OrderRecord order) {
        return orders.find(order.id()).orElse(order);
    }

    // ---- matching ----

    /** Fills a new order at once when it can, or makes it rest with its funds held. */
    private OrderRecord accept(Connection c, OrderRecord o, long now) throws SQLException {
        SyntheticMarket m = market(o.symbol());
        double last = m.lastPrice(now);
        double tick = m.tickSize();
        double bid = Math.max(tick, last - tick);
        double ask = last + tick;
        String venueId = "SIM-" + o.id().substring(0, 8);
        switch (o.type()) {
            case "market" -> {
                return fill(c, o.withVenueState(venueId, OrderRecord.OPEN, 0, null, 0, 0, null), o.buy() ? ask : bid);
            }
            case "limit" -> {
                if (o.buy() ? o.price() >= ask : o.price() <= bid) {
                    return fill(c, o.withVenueState(venueId, OrderRecord.OPEN, 0, null, 0, 0, null), o.buy() ? ask : bid);
                }
                return hold(c, o.withVenueState(venueId, OrderRecord.OPEN, 0, null, 0, 0, null), o.price());
            }
            default -> { // stop
                if (o.buy() ? last >= o.stopPrice() : last <= o.stopPrice()) {
                    return fill(c, o.withVenueState(venueId, OrderRecord.OPEN, 0, null, 0, 0, null), o.buy() ? ask : bid);
                }
                return hold(c, o.withVenueState(venueId, OrderRecord.OPEN, 0, null, 0, 0, null), o.stopPrice());
            }
        }
    }

    /** Moves funds for a complete fill at {@code price}; an order that cannot pay is rejected instead. */
    private OrderRecord fill(Connection c, OrderRecord o, double price) throws SQLException {
        double notional = o.amount() * price;
        double fee = notional * feeRate;
        release(c, o);
        if (o.buy()) {
            double cost = notional + fee;
            if (free(c, o.owner(), o.quote()) + EPSILON < cost) {
                return o.withVenueState(o.exchangeOrderId(), OrderRecord.REJECTED, 0, null, 0, 0,
                        "insufficient " + o.quote() + ": the fill needs " + round(cost));
            }
            adjust(c, o.owner(), o.quote(), -cost, 0);
            adjust(c, o.owner(), o.base(), o.amount(), 0);
        } else {
            if (free(c, o.owner(), o.base()) + EPSILON < o.amount()) {
                return o.withVenueState(o.exchangeOrderId(), OrderRecord.REJECTED, 0, null, 0, 0,
                        "insufficient " + o.base() + ": the fill needs " + round(o.amount()));
            }
            adjust(c, o.owner(), o.base(), -o.amount(), 0);
            adjust(c, o.owner(), o.quote(), notional - fee, 0);
        }
        return o.withVenueState(o.exchangeOrderId(), OrderRecord.FILLED, o.amount(), price, fee, 0, null);
    }

    /** Holds what a resting order may spend: quote for a buy (with its fee), base for a sell. */
    private OrderRecord hold(Connection c, OrderRecord o, double price) throws SQLException {
        String asset = o.buy() ? o.quote() : o.base();
        double amount = o.buy() ? o.amount() * price * (1 + feeRate) : o.amount();
        if (free(c, o.owner(), asset) + EPSILON < amount) {
            return o.withVenueState(o.exchangeOrderId(), OrderRecord.REJECTED, 0, null, 0, 0,
                    "insufficient " + asset + ": the order needs " + round(amount));
        }
        adjust(c, o.owner(), asset, -amount, amount);
        return o.withVenueState(o.exchangeOrderId(), OrderRecord.OPEN, 0, null, 0, amount, null);
    }

    /** Gives back what a resting order held. */
    private void release(Connection c, OrderRecord o) throws SQLException {
        if (o.locked() > 0) {
            adjust(c, o.owner(), o.buy() ? o.quote() : o.base(), o.locked(), -o.locked());
        }
    }

    private void matchSafely() {
        try {
            match();
        } catch (RuntimeException e) {
            LOG.warnf("Simulated matching failed this round: %s", e.getMessage());
        }
    }

    /** Works resting orders against the market's range since the last check. */
    synchronized void match() {
        long now = clock.now();
        long since = checkedUntil;
        checkedUntil = now;
        if (now <= since) {
            return;
        }
        List<OrderRecord> filled = new ArrayList<>();
        for (OrderRecord o : orders.working(name())) {
            SyntheticMarket m = market(o.symbol());
            BarSeries range = new BarSeries(o.symbol(), Timeframe.M1, 1);
            long from = Math.max(since, clock.at(o.updatedAt())); // never before the order was placed
            m.appendBar(range, from, Math.max(1, now - from));
            double high = range.high(0);
            double low = range.low(0);
            double tick = m.tickSize();
            Double fillPrice = switch (o.type()) {
                case "limit" -> o.buy() ? (low <= o.price() ? o.price() : null) : (high >= o.price() ? o.price() : null);
                case "stop" -> o.buy() ? (high >= o.stopPrice() ? o.stopPrice() + tick : null)
                        : (low <= o.stopPrice() ? Math.max(tick, o.stopPrice() - tick) : null);
                default -> null;
            };
            if (fillPrice != null && now > from) {
                double price = fillPrice;
                OrderRecord done = db.writeAndGet("match simulated order", c -> {
                    OrderRecord current = OrderStore.find(c, o.id()).orElseThrow();
                    if (!current.working()) {
                        return null; // cancelled meanwhile
                    }
                    OrderRecord result = fill(c, current, price);
                    OrderStore.update(c, result);
                    return result;
                });
                if (done != null) {
                    filled.add(done);
                }
            }
        }
        filled.forEach(o -> listener.accept(o));
    }

    // ---- balances ----

    private void ensureAccount(Connection c, String owner) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sim_balances WHERE account=?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
        }
        for (Map.Entry<String, Double> e : initialBalances.entrySet()) {
            adjust(c, owner, e.getKey(), e.getValue(), 0);
        }
    }

    private static double free(Connection c, String owner, String asset) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT free FROM sim_balances WHERE account=? AND asset=?")) {
            ps.setString(1, owner);
            ps.setString(2, asset);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getDouble(1) : 0;
            }
        }
    }

    /** Adds to an asset's free and held amounts, creating the row on first use; dust below 1e-12 is zeroed. */
    private static void adjust(Connection c, String owner, String asset, double freeDelta, double lockedDelta)
            throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE sim_balances SET free=free+?, locked=locked+? "
                + "WHERE account=? AND asset=?")) {
            up.setDouble(1, freeDelta);
            up.setDouble(2, lockedDelta);
            up.setString(3, owner);
            up.setString(4, asset);
            if (up.executeUpdate() == 0) {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO sim_balances (account, asset, free, locked) "
                        + "VALUES (?,?,?,?)")) {
                    ins.setString(1, owner);
                    ins.setString(2, asset);
                    ins.setDouble(3, freeDelta);
                    ins.setDouble(4, lockedDelta);
                    ins.executeUpdate();
                }
            }
        }
        try (PreparedStatement dust = c.prepareStatement("UPDATE sim_balances SET free=CASE WHEN ABS(free)<1e-12 THEN 0 "
                + "ELSE free END, locked=CASE WHEN ABS(locked)<1e-12 THEN 0 ELSE locked END WHERE account=? AND asset=?")) {
            dust.setString(1, owner);
            dust.setString(2, asset);
            dust.executeUpdate();
        }
    }

    private SyntheticMarket market(String symbol) {
        return markets.computeIfAbsent(symbol, SyntheticMarket::new);
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%.8f", v);
    }
}
