package io.cracktrader.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link DatasetsApiTest} against the packaged application (jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppConfig.class)
class DatasetsApiIT extends DatasetsApiTest {
}
