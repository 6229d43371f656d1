package io.cracktrader.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link OwnershipMatrixTest} against the packaged application (jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppConfig.class)
class OwnershipMatrixIT extends OwnershipMatrixTest {
}
