package io.cracktrader.rest;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;

/** HTTP routes outside JAX-RS: the documents' aliases. */
public class Routes {
    void register(@Observes Router router) {
        // Quarkus' conventional location of the OpenAPI document, beside the documented /openapi.
        router.get("/q/openapi").handler(ctx -> ctx.redirect("/openapi"));
        // Vert.x matches "/redoc" and "/redoc/" alike: serve the page for both.
        router.get("/redoc").handler(ctx -> ctx.reroute("/redoc/index.html"));
    }
}
