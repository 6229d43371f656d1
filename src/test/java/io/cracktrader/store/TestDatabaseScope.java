package io.cracktrader.store;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Applies {@link TestDatabase} to every Quarkus test and integration test. */
@WithTestResource(value = TestDatabase.class, scope = TestResourceScope.GLOBAL)
public final class TestDatabaseScope {
    private TestDatabaseScope() {
    }
}
