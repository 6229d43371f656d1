package io.cracktrader.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The suite runs on the database the environment asks for, not silently on the default. */
@QuarkusTest
class DatabaseKindTest {
    @Inject
    Database database;

    @Test
    void theConfiguredDatabaseIsTheOneInUse() {
        String url = System.getenv("CRACKTRADER_TEST_POSTGRES_URL");
        assertEquals(url == null || url.isBlank() ? "sqlite" : "postgresql", database.kind());
    }
}
