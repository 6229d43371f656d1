package io.cracktrader.exchange.xchange;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.knowm.xchange.binance.BinanceAdapters;
import org.knowm.xchange.binance.BinanceAuthenticated;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.trade.BinanceNewOrder;
import org.knowm.xchange.binance.dto.trade.BinanceOrder;
import org.knowm.xchange.binance.dto.trade.OrderSide;
import org.knowm.xchange.binance.dto.trade.OrderType;
import org.knowm.xchange.binance.dto.trade.TimeInForce;
import org.knowm.xchange.binance.service.BinanceHmacDigest;
import org.knowm.xchange.client.ExchangeRestProxyBuilder;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.dto.Order;
import si.mazi.rescu.ParamsDigest;
import si.mazi.rescu.serialization.jackson.DefaultJacksonObjectMapperFactory;

/**
 * Binance spot order calls through XChange's own Binance REST interface and request signing, with one
 * fix: XChange 5.2.1's {@code TimeInForce} inherits a polymorphic-type annotation from
 * {@code Order.IOrderFlags} that the Jackson in this build (2.21) honours, so every order answer
 * (which carries {@code "timeInForce": "GTC"}) fails to parse in XChange's own trade service. The
 * proxy here is built with a mapper that ignores that annotation; nothing else differs.
 */
public final class BinanceSpotOrders {
    /** Replaces {@code IOrderFlags}' type information: the flags are plain enum values on the wire. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NONE)
    interface PlainFlags {
    }

    private final BinanceAuthenticated api;
    private final BinanceExchange exchange;
    private final String apiKey;
    private final ParamsDigest signature;

    public BinanceSpotOrders(BinanceExchange exchange) {
        this.exchange = exchange;
        this.apiKey = exchange.getExchangeSpecification().getApiKey();
        this.signature = BinanceHmacDigest.createInstance(exchange.getExchangeSpecification().getSecretKey());
        this.api = ExchangeRestProxyBuilder.forInterface(BinanceAuthenticated.class, exchange.getExchangeSpecification())
                .clientConfigCustomizer(config -> config.setJacksonObjectMapperFactory(new DefaultJacksonObjectMapperFactory() {
                    @Override
                    public void configureObjectMapper(ObjectMapper mapper) {
                        super.configureObjectMapper(mapper);
                        mapper.addMixIn(Order.IOrderFlags.class, PlainFlags.class);
                    }
                })).build();
    }

    public BinanceNewOrder place(CurrencyPair pair, boolean buy, String type, BigDecimal amount, BigDecimal price,
                                 BigDecimal stopPrice, String clientOrderId) throws IOException {
        OrderType binanceType = switch (type) {
            case "market" -> OrderType.MARKET;
            case "limit" -> OrderType.LIMIT;
            default -> OrderType.STOP_LOSS;
        };
        return api.newOrder(BinanceAdapters.toSymbol(pair), buy ? OrderSide.BUY : OrderSide.SELL, binanceType,
                binanceType == OrderType.LIMIT ? TimeInForce.GTC : null, amount, null, price, clientOrderId, stopPrice,
                null, null, BinanceNewOrder.NewOrderResponseType.RESULT, null, exchange.getTimestampFactory(), apiKey,
                signature);
    }

    public BinanceOrder status(CurrencyPair pair, long orderId) throws IOException {
        return api.orderStatus(BinanceAdapters.toSymbol(pair), orderId, null, null, exchange.getTimestampFactory(), apiKey,
                signature);
    }

    /** The account's recent orders of every status on {@code pair}. */
    public List<BinanceOrder> recent(CurrencyPair pair) throws IOException {
        return api.allOrders(BinanceAdapters.toSymbol(pair), null, 100, null, exchange.getTimestampFactory(), apiKey,
                signature);
    }

    public void cancel(CurrencyPair pair, long orderId) throws IOException {
        api.cancelOrder(BinanceAdapters.toSymbol(pair), orderId, null, null, null, exchange.getTimestampFactory(), apiKey,
                signature);
    }

    /** XChange's generic view of a Binance order (status, fills, average price). */
    public static Order adapt(BinanceOrder order) {
        return BinanceAdapters.adaptOrder(order, false);
    }
}
