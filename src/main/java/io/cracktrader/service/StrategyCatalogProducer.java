package io.cracktrader.service;

import io.cracktrader.engine.catalog.StrategyCatalog;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the engine's (framework-free) strategy catalogue injectable. */
public class StrategyCatalogProducer {
    @Produces
    @Singleton
    StrategyCatalog catalog() {
        return new StrategyCatalog();
    }
}
