package io.cracktrader.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cracktrader.exchange.Ticker;
import io.cracktrader.exchange.simulated.SimulatedMarketData;
import io.cracktrader.security.Caller;
import io.cracktrader.security.Role;
import io.cracktrader.security.UserStore;
import io.cracktrader.service.RunAccess;
import io.cracktrader.service.RunEvents;
import io.cracktrader.trading.OrderRecord;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.annotation.security.RolesAllowed;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code /ws} of the trading API: clients subscribe and unsubscribe with
 * {@code {"action": "subscribe"|"unsubscribe", "channel": "ticker"|"orders"|"trades", "symbol"|"user_id": ...}}
 * and receive {@code {"channel", "symbol", "data"}}. Acknowledgements and errors are messages; a
 * connection holds at most 10 subscriptions. Tickers come from the simulated exchange once a second
 * (newest wins); {@code trades} carries the fills of that symbol in runs the subscriber may read; {@code orders} every change of the
 * subscriber's orders (orders API) and the fills of their runs (an admin may name another user).
 */
@WebSocket(path = "/ws")
@RolesAllowed(Role.Capability.READ)
public class TradingSocket {
    static final String CHANNEL = "trading";
    static final int MAX_SUBSCRIPTIONS = 10;
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,12}/[A-Z0-9]{2,12}");

    /** Acknowledgement of a subscribe or unsubscribe. */
    @RegisterForReflection
    public record Ack(String type, String channel, String symbol, String userId, int subscriptions) {
    }

    /** {@code {"type": "error", "message": ...}}. */
    @RegisterForReflection
    public record Error(String type, String message) {
    }

    /** A channel message of the trading API: {@code {"channel", "symbol", "data"}}. */
    @RegisterForReflection
    public record ChannelMessage(String channel, String symbol, Object data) {
    }

    @RegisterForReflection
    public record TickerData(double last, double bid, double ask, double volume, double change, long timestamp) {
    }

    @RegisterForReflection
    public record TradeData(String tradeId, String runId, String side, double amount, double price, long timestamp,
                            Double pnl) {
    }

    @RegisterForReflection
    public record OrderData(String orderId, String status, String symbol, String side, double amount, double price,
                            double filled, long timestamp, String runId) {
    }

    /** What one connection listens to. */
    private static final class Client {
        final Outbox outbox;
        final Caller caller;
        final VisibleRuns runs;
        final Set<String> subscriptions = ConcurrentHashMap.newKeySet();

        Client(Outbox outbox, Caller caller, VisibleRuns runs) {
            this.outbox = outbox;
            this.caller = caller;
            this.runs = runs;
        }
    }

    private final SocketHub hub;
    private final ObjectMapper json;
    private final SecurityIdentity identity;
    private final UserStore users;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final SimulatedMarketData simulated;
    private final RunAccess access;
    private volatile ScheduledFuture<?> tickers;

    public TradingSocket(SocketHub hub, ObjectMapper json, SecurityIdentity identity, UserStore users,
                         SimulatedMarketData simulated, RunAccess access) {
        this.simulated = simulated;
        this.access = access;
        this.users = users;
        this.hub = hub;
        this.json = json;
        this.identity = identity;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        Caller caller = identity.getAttribute(Caller.ATTRIBUTE);
        Client client = new Client(hub.outbox(connection, CHANNEL, caller), caller, new VisibleRuns(access, caller));
        clients.put(connection.id(), client);
        hub.listen(connection, published -> deliver(client, published));
        startTickers();
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        clients.remove(connection.id());
        hub.leave(connection, CHANNEL);
    }

    @OnTextMessage
    public void message(WebSocketConnection connection, String text) {
        Client client = clients.get(connection.id());
        if (client == null) {
            return;
        }
        JsonNode request;
        try {
            request = json.readTree(text);
        } catch (JsonProcessingException e) {
            error(client, "Invalid JSON: send {\"action\": \"subscribe\", \"channel\": \"ticker\", \"symbol\": \"BTC/USDT\"}");
            return;
        }
        if (request == null || !request.isObject()) {
            error(client, "Send a JSON object with action and channel");
            return;
        }
        String action = request.path("action").asText("");
        String channel = request.path("channel").asText("");
        if (!action.equals("subscribe") && !action.equals("unsubscribe")) {
            error(client, "action must be subscribe or unsubscribe");
            return;
        }
        Target target = target(client, channel, request);
        if (target == null) {
            return;
        }
        String key = target.key();
        String symbol = target.symbol();
        String userId = target.userId();
        if (action.equals("subscribe")) {
            if (!client.subscriptions.contains(key) && client.subscriptions.size() >= MAX_SUBSCRIPTIONS) {
                error(client, "Subscription limit reached: at most " + MAX_SUBSCRIPTIONS + " per connection");
                return;
            }
            client.subscriptions.add(key);
        } else if (!client.subscriptions.remove(key)) {
            error(client, "Not subscribed to " + channel + (symbol != null ? " " + symbol : ""));
            return;
        }
        client.outbox.send(hub.encode(new Ack(action + "d", channel, symbol, userId, client.subscriptions.size())));
        if (action.equals("subscribe") && channel.equals("ticker")) {
            sendTicker(symbol, System.currentTimeMillis(), Set.of(client));
        }
    }

    /** What a subscription names: its key among the client's subscriptions, and the symbol or user it follows. */
    private record Target(String key, String symbol, String userId) {
    }

    /** The subscription a request names; null after telling the client what is wrong with it. */
    private Target target(Client client, String channel, JsonNode request) {
        switch (channel) {
            case "ticker", "trades" -> {
                String symbol = request.path("symbol").asText("").toUpperCase(Locale.ROOT);
                if (!SYMBOL.matcher(symbol).matches()) {
                    error(client, channel + " needs a symbol written BASE/QUOTE, e.g. BTC/USDT");
                    return null;
                }
                return new Target(channel + ":" + symbol, symbol, null);
            }
            case "orders" -> {
                String userId = request.path("user_id").asText("");
                String username = ordersOf(client.caller, userId);
                if (username == null) {
                    error(client, "You may follow your own orders only");
                    return null;
                }
                return new Target("orders:" + username, null, userId);
            }
            default -> {
                error(client, "channel must be ticker, orders or trades");
                return null;
            }
        }
    }

    /** Whose orders a subscription follows (by username): the caller's own, or anyone's for an admin. */
    private String ordersOf(Caller caller, String userId) {
        if (userId.isBlank() || userId.equals(caller.userId()) || userId.equals(caller.username())) {
            return caller.username();
        }
        if (!caller.isAdmin()) {
            return null;
        }
        return users.userById(userId).map(UserStore.User::username)
                .orElseGet(() -> users.userByName(userId).map(UserStore.User::username).orElse(null));
    }

    private void error(Client client, String message) {
        client.outbox.send(hub.encode(new Error("error", message)));
    }

    /** Fills become {@code trades} messages for their symbol and {@code orders} messages for the run's owner. */
    private void deliver(Client client, SocketHub.Published published) {
        if (published.event() instanceof OrderRecord o) {
            if (client.subscriptions.contains("orders:" + o.owner())) {
                client.outbox.send(hub.encode(new ChannelMessage("orders", o.symbol(), new OrderData(o.id(), o.status(),
                        o.symbol(), o.side(), o.amount(), o.averagePrice() != null ? o.averagePrice()
                        : o.price() != null ? o.price() : o.stopPrice() != null ? o.stopPrice() : 0, o.filled(),
                        o.updatedAt(), null))));
            }
            return;
        }
        // A run's fills reach only who may read the run (its owner, a share of its strategy, the admin).
        if (!(published.event() instanceof RunEvents.RunEvent e)
                || !(e.message().payload() instanceof RunEvents.TradeExecution t) || !client.runs.test(e)) {
            return;
        }
        long time = t.timestamp().toEpochMilli();
        if (client.subscriptions.contains("trades:" + t.symbol())) {
            client.outbox.send(hub.encode(new ChannelMessage("trades", t.symbol(),
                    new TradeData(t.id(), t.runId(), t.side(), t.size(), t.price(), time, t.pnl()))));
        }
        if (e.owner() != null && client.subscriptions.contains("orders:" + e.owner())) {
            client.outbox.send(hub.encode(new ChannelMessage("orders", null,
                    new OrderData(t.id(), "filled", t.symbol(), t.side(), t.size(), t.price(), t.size(), time, t.runId()))));
        }
    }

    /** Once a second, one ticker per subscribed symbol, encoded once and offered to its subscribers. */
    private synchronized void startTickers() {
        if (tickers == null) {
            tickers = hub.timer().scheduleAtFixedRate(() -> {
                long now = System.currentTimeMillis();
                Set<String> symbols = new LinkedHashSet<>();
                for (Client c : clients.values()) {
                    for (String key : c.subscriptions) {
                        if (key.startsWith("ticker:")) {
                            symbols.add(key.substring("ticker:".length()));
                        }
                    }
                }
                for (String symbol : symbols) {
                    sendTicker(symbol, now, clients.values());
                }
            }, 1, 1, TimeUnit.SECONDS);
        }
    }

    private void sendTicker(String symbol, long now, Collection<Client> to) {
        Ticker t = simulated.ticker(symbol);
        String text = hub.encode(new ChannelMessage("ticker", symbol,
                new TickerData(t.last(), t.bid(), t.ask(), t.volume(), t.change(), t.timestamp())));
        for (Client c : to) {
            if (c.subscriptions.contains("ticker:" + symbol)) {
                c.outbox.sendLatest("ticker:" + symbol, text);
            }
        }
    }
}
