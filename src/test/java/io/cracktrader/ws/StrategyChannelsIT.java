package io.cracktrader.ws;

import io.cracktrader.rest.PackagedAppConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link StrategyChannelsTest} against the packaged application (jar, or native executable with -Dnative). */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppConfig.class)
class StrategyChannelsIT extends StrategyChannelsTest {
}
