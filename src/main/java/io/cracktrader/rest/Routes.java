package io.cracktrader.rest;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;

/** HTTP routes outside JAX-RS: the documents' aliases, and HSTS over TLS. */
public class Routes {
    /** A year, subdomains included (README, "What the service promises"). */
    static final String HSTS = "max-age=31536000; includeSubDomains";

    void register(@Observes Router router) {
        // Strict-Transport-Security only means something on a response that came over TLS (RFC 6797):
        // served directly with TLS, or behind a proxy that says so when forwarded headers are trusted.
        router.route().order(-1200).handler(ctx -> {
            if ("https".equalsIgnoreCase(ctx.request().scheme())) {
                ctx.response().putHeader("Strict-Transport-Security", HSTS);
            }
            ctx.next();
        });
        // Quarkus' conventional location of the OpenAPI document, beside the documented /openapi.
        router.get("/q/openapi").handler(ctx -> ctx.redirect("/openapi"));
        // Vert.x matches "/redoc" and "/redoc/" alike: serve the page for both.
        router.get("/redoc").handler(ctx -> ctx.reroute("/redoc/index.html"));
    }
}
