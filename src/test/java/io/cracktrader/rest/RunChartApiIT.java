package io.cracktrader.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@WithTestResource(PackagedAppConfig.class)
class RunChartApiIT extends RunChartApiTest {
}
