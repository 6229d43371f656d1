package io.cracktrader.trading;

import io.cracktrader.exchange.ExchangeCalls;
import io.cracktrader.exchange.ExchangeModule;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.xchange.BinanceSpotOrders;
import io.cracktrader.exchange.xchange.ExchangeConnector;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.trade.BinanceNewOrder;
import org.knowm.xchange.binance.dto.trade.BinanceOrder;
import org.knowm.xchange.currency.CurrencyPair;

/**
 * Binance spot: balances and metadata as for every XChange module, orders through
 * {@link BinanceSpotOrders} (XChange's Binance interface with a working parser). The client order id
 * is Binance's {@code newClientOrderId}; recent orders of every status are searched for it after an
 * ambiguous failure, so a market order that filled at once is found too.
 */
public class BinanceVenue extends XChangeVenue {
    private final Map<Object, BinanceSpotOrders> clients = new ConcurrentHashMap<>();

    public BinanceVenue(ExchangeModule module, ExchangeConnector connector, ExchangeCalls calls,
                        MarketDataSource marketData, CredentialStore credentials) {
        super(module, connector, calls, marketData, credentials);
    }

    @Override
    public OrderRecord place(OrderRecord o) {
        CurrencyPair pair = new CurrencyPair(o.symbol());
        BinanceSpotOrders api = orders(o.owner());
        BinanceNewOrder placed = calls.write(name(), "place the order", () -> api.place(pair, o.buy(), o.type(),
                decimal(o.amount()), o.price() == null ? null : decimal(o.price()),
                o.stopPrice() == null ? null : decimal(o.stopPrice()), o.clientOrderId()));
        return placed(o, Long.toString(placed.orderId));
    }

    @Override
    public Optional<OrderRecord> lookup(OrderRecord o) {
        CurrencyPair pair = new CurrencyPair(o.symbol());
        BinanceSpotOrders api = orders(o.owner());
        List<BinanceOrder> recent = calls.read(name(), "look the order up", () -> api.recent(pair));
        return recent.stream().filter(b -> o.clientOrderId().equals(b.clientOrderId)).findFirst()
                .map(b -> adopt(o.withVenueState(Long.toString(b.orderId), OrderRecord.OPEN, 0, null, 0, 0, null),
                        BinanceSpotOrders.adapt(b)));
    }

    @Override
    public OrderRecord cancel(OrderRecord o) {
        CurrencyPair pair = new CurrencyPair(o.symbol());
        BinanceSpotOrders api = orders(o.owner());
        calls.write(name(), "cancel the order", () -> {
            api.cancel(pair, Long.parseLong(o.exchangeOrderId()));
            return null;
        });
        return cancelled(o);
    }

    @Override
    public OrderRecord refresh(OrderRecord o) {
        if (o.exchangeOrderId() == null) {
            return o;
        }
        CurrencyPair pair = new CurrencyPair(o.symbol());
        BinanceSpotOrders api = orders(o.owner());
        BinanceOrder b = calls.read(name(), "read the order", () -> api.status(pair, Long.parseLong(o.exchangeOrderId())));
        return adopt(o, BinanceSpotOrders.adapt(b));
    }

    private BinanceSpotOrders orders(String owner) {
        BinanceExchange exchange = (BinanceExchange) account(owner);
        return clients.computeIfAbsent(exchange, e -> new BinanceSpotOrders(exchange));
    }
}
