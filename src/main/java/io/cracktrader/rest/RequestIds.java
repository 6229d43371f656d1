package io.cracktrader.rest;

import io.cracktrader.security.AuditLog;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Every request has an id an operator can search the log for (docs/API-CONTRACT.md, "Errors"): the
 * caller's {@code X-Request-Id} when it is a plain token (a proxy's or a client's), else a new one.
 * It is sent back in the {@code X-Request-Id} header and in every error body as {@code request_id},
 * carried in the log's MDC ({@code request_id}, a field of each JSON log line), and every answer of
 * 400 or more is logged once with it: method, path (never the query, which may hold a token),
 * status and time.
 */
@ApplicationScoped
public class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    private static final Logger LOG = Logger.getLogger(RequestIds.class);
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Before every other handler (edge rejections are at -1100), so their answers carry the id too. */
    private static final int FIRST = -1300;

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(this::assign);
    }

    void assign(RoutingContext rc) {
        String given = rc.request().getHeader(HEADER);
        String id = given != null && ACCEPTED.matcher(given).matches() ? given : UUID.randomUUID().toString();
        rc.response().putHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        long started = System.nanoTime();
        rc.addEndHandler(done -> {
            int status = rc.response().getStatusCode();
            if (status >= 400) {
                // Only error answers pay for the log line (on the event loop: no blocking, little work).
                String raw = rc.request().path();
                String path = raw == null ? "" : AuditLog.printable(raw.length() > 256 ? raw.substring(0, 256) + "…" : raw);
                LOG.logf(status >= 500 ? Logger.Level.WARN : Logger.Level.INFO, "%s %s answered %d in %.1f ms (request %s)",
                        rc.request().method().name(), path, status, (System.nanoTime() - started) / 1e6, id);
            }
        });
        rc.next();
    }

    /** The id of the request being answered. */
    public static String of(HttpServerRequest request) {
        return request.response().headers().get(HEADER);
    }
}
