package io.cracktrader.trading;

import io.cracktrader.error.ServiceException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Balances and positions of the trading API. Balances come from each venue. Positions are built from the orders
 * placed through this service (average entry price of the net holding per symbol), valued at the
 * venue's last price; holdings moved outside the service show in the balance only.
 */
@ApplicationScoped
public class AccountService {
    private static final Set<String> DOLLARS = Set.of("USDT", "USDC", "BUSD", "USD", "DAI", "FDUSD", "TUSD");

    @RegisterForReflection
    public record BalanceView(double totalBalance, String valuationCurrency, Map<String, Map<String, Double>> exchanges,
                              Map<String, List<TradingVenue.Balance>> details, List<String> unvalued,
                              Map<String, String> errors) {
    }

    @RegisterForReflection
    public record PositionView(String symbol, String exchange, String side, double size, double entryPrice,
                               Double currentPrice, Double unrealizedPnl) {
    }

    @RegisterForReflection
    public record PositionsView(List<PositionView> positions) {
    }

    private final OrderService orders;
    private final CredentialStore credentials;

    public AccountService(OrderService orders, CredentialStore credentials) {
        this.orders = orders;
        this.credentials = credentials;
    }

    /** One exchange, or the simulated one plus every exchange the owner stored keys for. */
    public BalanceView balance(String owner, String exchange) {
        List<String> names = new ArrayList<>();
        if (exchange != null && !exchange.isBlank()) {
            names.add(orders.venue(exchange).name());
        } else {
            names.add("simulated");
            credentials.list(owner).forEach(c -> names.add(c.exchange()));
        }
        double total = 0;
        Map<String, Map<String, Double>> byExchange = new LinkedHashMap<>();
        Map<String, List<TradingVenue.Balance>> details = new LinkedHashMap<>();
        List<String> unvalued = new ArrayList<>();
        Map<String, String> errors = new TreeMap<>();
        for (String name : names) {
            TradingVenue venue = orders.venue(name);
            List<TradingVenue.Balance> held;
            try {
                held = venue.balances(owner);
            } catch (ServiceException e) {
                if (names.size() == 1) {
                    throw e;
                }
                errors.put(name, e.getMessage());
                continue;
            }
            Map<String, Double> totals = new TreeMap<>();
            for (TradingVenue.Balance b : held) {
                totals.put(b.asset(), b.total());
                if (b.total() == 0) {
                    continue;
                }
                if (DOLLARS.contains(b.asset())) {
                    total += b.total();
                } else {
                    try {
                        total += b.total() * venue.lastPrice(b.asset() + "/USDT");
                    } catch (ServiceException | IllegalArgumentException e) {
                        unvalued.add(name + ":" + b.asset());
                    }
                }
            }
            byExchange.put(name, totals);
            details.put(name, held);
        }
        return new BalanceView(Math.round(total * 1e8) / 1e8, "USDT", byExchange, details, unvalued, errors);
    }

    public PositionsView positions(String owner, String exchange) {
        List<String> names = exchange != null && !exchange.isBlank() ? List.of(orders.venue(exchange).name())
                : orders.venueNames();
        List<PositionView> out = new ArrayList<>();
        for (String name : names) {
            Map<String, double[]> bySymbol = new TreeMap<>(); // symbol -> {size, entry}
            for (OrderRecord o : orders.executed(owner, name)) {
                if (o.averagePrice() == null) {
                    continue;
                }
                double[] p = bySymbol.computeIfAbsent(o.symbol(), s -> new double[] {0, 0});
                double qty = o.buy() ? o.filled() : -o.filled();
                double next = p[0] + qty;
                if (p[0] == 0 || Math.signum(p[0]) == Math.signum(qty)) {
                    p[1] = (p[1] * Math.abs(p[0]) + o.averagePrice() * Math.abs(qty)) / Math.abs(next);
                } else if (Math.signum(next) != Math.signum(p[0]) && next != 0) {
                    p[1] = o.averagePrice(); // reduced through zero: the remainder opened at this fill
                }
                p[0] = Math.abs(next) < 1e-12 ? 0 : next;
                if (p[0] == 0) {
                    p[1] = 0;
                }
            }
            TradingVenue venue = orders.venue(name);
            bySymbol.forEach((symbol, p) -> {
                if (p[0] == 0) {
                    return;
                }
                Double last = null;
                try {
                    last = venue.lastPrice(symbol);
                } catch (ServiceException e) {
                    // unreachable exchange: the position is still shown, unvalued
                }
                out.add(new PositionView(symbol, name, p[0] > 0 ? "long" : "short", Math.abs(p[0]), p[1], last,
                        last == null ? null : (last - p[1]) * p[0]));
            });
        }
        return new PositionsView(out);
    }
}
