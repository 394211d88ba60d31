package io.ticketing.ratelimit;

import static io.ticketing.ratelimit.AddressBlocksTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Pins the environment variable deploy/ sets the trusted proxies with. */
class RateLimitPropertiesTest {

    private static RateLimitProperties fromEnvironment(String name, String value) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(name, value)));
        return Binder.get(environment).bindOrCreate("ticketing.rate-limits", RateLimitProperties.class);
    }

    @Test
    void trustedProxiesBindFromTheVariableDeploySets() {
        RateLimitProperties properties = fromEnvironment("TICKETING_RATELIMITS_TRUSTEDPROXIES", "10.20.48.0/24,10.20.49.0/24");

        assertThat(properties.trustedProxies()).containsExactly("10.20.48.0/24", "10.20.49.0/24");
    }

    @Test
    void theBasesEmptyVariableTrustsNoProxy() {
        RateLimitProperties properties = fromEnvironment("TICKETING_RATELIMITS_TRUSTEDPROXIES", "");

        assertThat(AddressBlocks.of(properties.trustedProxies()).contains(ip("10.20.48.1"))).isFalse();
    }

    @Test
    void aLimitOfNothingIsRefusedAtStartUp() {
        assertThatThrownBy(() -> fromEnvironment("TICKETING_RATELIMITS_HOLDSPERIP", "0"))
            .hasRootCauseMessage("every ticketing.rate-limits limit must be at least 1; "
                + "set ticketing.rate-limits.enabled=false to switch the limits off");
    }
}
