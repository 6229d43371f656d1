package io.cracktrader.trading;

import io.cracktrader.error.InvalidRequestException;
import io.cracktrader.error.ServiceException;
import io.cracktrader.exchange.ExchangeCalls;
import io.cracktrader.exchange.ExchangeModule;
import io.cracktrader.exchange.MarketDataSource;
import io.cracktrader.exchange.xchange.ExchangeConnector;
import io.cracktrader.exchange.xchange.ExchangeCredentials;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchange.Exchange;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order;
import org.knowm.xchange.dto.meta.InstrumentMetaData;
import org.knowm.xchange.dto.trade.LimitOrder;
import org.knowm.xchange.dto.trade.MarketOrder;
import org.knowm.xchange.dto.trade.StopOrder;
import org.knowm.xchange.service.trade.TradeService;
import org.knowm.xchange.service.trade.params.DefaultCancelOrderByInstrumentAndIdParams;
import org.knowm.xchange.service.trade.params.orders.DefaultQueryOrderParamInstrument;

/**
 * A real exchange through XChange's generic trade and account services, with the owner's stored keys.
 * The order's client id travels as XChange's user reference (Binance: {@code newClientOrderId}), which
 * is how an order whose placement timed out is found again instead of being placed twice.
 */
public class XChangeVenue implements TradingVenue {
    private final ExchangeModule module;
    private final ExchangeConnector connector;
    protected final ExchangeCalls calls;
    private final MarketDataSource marketData;
    private final CredentialStore credentials;

    public XChangeVenue(ExchangeModule module, ExchangeConnector connector, ExchangeCalls calls,
                        MarketDataSource marketData, CredentialStore credentials) {
        this.module = module;
        this.connector = connector;
        this.calls = calls;
        this.marketData = marketData;
        this.credentials = credentials;
    }

    @Override
    public String name() {
        return module.name();
    }

    /** Whether the owner's keys point at the exchange's testnet. */
    public boolean sandbox(String owner) {
        return keys(owner).sandbox();
    }

    @Override
    public InstrumentRules rules(String symbol) {
        Exchange exchange = connector.publicExchangeWithInstruments(module, calls);
        InstrumentMetaData meta = exchange.getExchangeMetaData() == null
                || exchange.getExchangeMetaData().getInstruments() == null ? null
                : exchange.getExchangeMetaData().getInstruments().get(new CurrencyPair(symbol));
        if (meta == null) {
            throw new InvalidRequestException(Map.of("symbol", name() + " does not list " + symbol));
        }
        Double priceStep = meta.getPriceStepSize() != null ? number(meta.getPriceStepSize())
                : meta.getPriceScale() != null ? Math.pow(10, -meta.getPriceScale()) : null;
        return new InstrumentRules(number(meta.getMinimumAmount()), number(meta.getAmountStepSize()), priceStep,
                number(meta.getCounterMinimumAmount()));
    }

    @Override
    public List<Balance> balances(String owner) {
        Exchange exchange = account(owner);
        // XChange's Balance, not TradingVenue.Balance (the name is taken here).
        Collection<org.knowm.xchange.dto.account.Balance> held = calls.read(name(), "read the account balance",
                () -> exchange.getAccountService().getAccountInfo().getWallet().getBalances().values());
        List<Balance> out = new ArrayList<>();
        for (org.knowm.xchange.dto.account.Balance b : held) {
            double free = b.getAvailable() == null ? 0 : b.getAvailable().doubleValue();
            double locked = b.getFrozen() != null ? b.getFrozen().doubleValue()
                    : b.getTotal() == null ? 0 : Math.max(0, b.getTotal().doubleValue() - free);
            if (free != 0 || locked != 0) {
                out.add(new Balance(b.getCurrency().getCurrencyCode(), free, locked));
            }
        }
        return out;
    }

    @Override
    public double lastPrice(String symbol) {
        return marketData.ticker(symbol).last();
    }

    @Override
    public OrderRecord place(OrderRecord o) {
        TradeService trade = account(o.owner()).getTradeService();
        CurrencyPair pair = new CurrencyPair(o.symbol());
        Order.OrderType side = o.buy() ? Order.OrderType.BID : Order.OrderType.ASK;
        BigDecimal amount = decimal(o.amount());
        String id = calls.write(name(), "place the order", () -> switch (o.type()) {
            case "market" -> trade.placeMarketOrder(new MarketOrder.Builder(side, pair).originalAmount(amount)
                    .userReference(o.clientOrderId()).build());
            case "limit" -> trade.placeLimitOrder(new LimitOrder.Builder(side, pair).originalAmount(amount)
                    .limitPrice(decimal(o.price())).userReference(o.clientOrderId()).build());
            default -> trade.placeStopOrder(new StopOrder.Builder(side, pair).originalAmount(amount)
                    .stopPrice(decimal(o.stopPrice())).userReference(o.clientOrderId())
                    .build());
        });
        return placed(o, id);
    }

    /** The order the exchange accepted as {@code exchangeOrderId}, with its fill state if it can be read now. */
    protected OrderRecord placed(OrderRecord o, String exchangeOrderId) {
        OrderRecord placed = o.withVenueState(exchangeOrderId, OrderRecord.OPEN, 0, null, 0, 0, null);
        try {
            return refresh(placed);
        } catch (ServiceException e) {
            return placed; // placed for sure; its fill state is read again on the next listing
        }
    }

    @Override
    public Optional<OrderRecord> lookup(OrderRecord o) {
        TradeService trade = account(o.owner()).getTradeService();
        CurrencyPair pair = new CurrencyPair(o.symbol());
        List<LimitOrder> open = calls.read(name(), "look the order up",
                () -> trade.getOpenOrders(trade.createOpenOrdersParams()).getOpenOrders());
        return open.stream().filter(l -> o.clientOrderId().equals(l.getUserReference())).findFirst()
                .map(l -> adopt(o.withVenueState(l.getId(), OrderRecord.OPEN, 0, null, 0, 0, null), l));
    }

    @Override
    public OrderRecord cancel(OrderRecord o) {
        TradeService trade = account(o.owner()).getTradeService();
        calls.write(name(), "cancel the order", () -> trade.cancelOrder(
                new DefaultCancelOrderByInstrumentAndIdParams(new CurrencyPair(o.symbol()), o.exchangeOrderId())));
        return cancelled(o);
    }

    /** After a cancel was accepted: the order as the exchange has it, cancelled unless it filled first. */
    protected OrderRecord cancelled(OrderRecord o) {
        OrderRecord refreshed = refresh(o);
        return refreshed.working() ? refreshed.withStatus(OrderRecord.CANCELLED, null) : refreshed;
    }

    @Override
    public OrderRecord refresh(OrderRecord o) {
        if (o.exchangeOrderId() == null) {
            return o;
        }
        TradeService trade = account(o.owner()).getTradeService();
        Collection<Order> found = calls.read(name(), "read the order", () -> trade.getOrder(
                new DefaultQueryOrderParamInstrument(new CurrencyPair(o.symbol()), o.exchangeOrderId())));
        return found.stream().findFirst().map(x -> adopt(o, x)).orElse(o);
    }

    /** The order's state as the exchange reports it. */
    protected static OrderRecord adopt(OrderRecord o, Order x) {
        String status = switch (x.getStatus() == null ? Order.OrderStatus.UNKNOWN : x.getStatus()) {
            case PENDING_NEW, NEW, OPEN -> OrderRecord.OPEN;
            case PARTIALLY_FILLED -> OrderRecord.PARTIALLY_FILLED;
            case FILLED, CLOSED -> OrderRecord.FILLED;
            case CANCELED, PARTIALLY_CANCELED, PENDING_CANCEL, EXPIRED, REPLACED, STOPPED -> OrderRecord.CANCELLED;
            case REJECTED, PENDING_REPLACE, UNKNOWN -> x.getStatus() == Order.OrderStatus.REJECTED ? OrderRecord.REJECTED
                    : o.status();
        };
        double filled = x.getCumulativeAmount() == null ? o.filled() : x.getCumulativeAmount().doubleValue();
        Double average = x.getAveragePrice() == null || x.getAveragePrice().signum() == 0 ? o.averagePrice()
                : Double.valueOf(x.getAveragePrice().doubleValue());
        double fee = x.getFee() == null ? o.fee() : x.getFee().doubleValue();
        return o.withVenueState(x.getId() != null ? x.getId() : o.exchangeOrderId(), status, filled, average, fee, 0,
                o.reason());
    }

    protected Exchange account(String owner) {
        return connector.accountExchange(module, keys(owner));
    }

    private ExchangeCredentials keys(String owner) {
        ExchangeCredentials keys = credentials.find(owner, name()).orElse(null);
        if (keys == null || !keys.complete()) {
            throw new InvalidRequestException(Map.of("exchange", "no API credentials stored for " + name()
                    + "; PUT /api/account/credentials/" + name() + " with apiKey and secret first"));
        }
        return keys;
    }

    /** An amount or price as the exchange expects it: exact decimal digits, no trailing zeros. */
    protected static BigDecimal decimal(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros();
    }

    private static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
