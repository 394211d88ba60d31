package io.ticketing.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.ticketing.user.AuthProperties;

class ProductionGuardTest {

    private final ApplicationContextRunner prod = new ApplicationContextRunner()
        .withUserConfiguration(GuardOnly.class)
        .withPropertyValues("spring.profiles.active=prod");

    @Test
    void prodRefusesTheDevelopmentJwtSecret() {
        prod.withPropertyValues("ticketing.auth.admin-password=a-real-admin-password")
            .run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("JWT_SECRET"));
    }

    @Test
    void prodRefusesTheDevelopmentAdminPassword() {
        prod.withPropertyValues("ticketing.auth.jwt-secret=0123456789abcdef0123456789abcdef-prod")
            .run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ADMIN_PASSWORD"));
    }

    @Test
    void prodStartsWithSecretsOfItsOwn() {
        prod.withPropertyValues("ticketing.auth.jwt-secret=0123456789abcdef0123456789abcdef-prod",
                "ticketing.auth.admin-password=a-real-admin-password")
            .run(context -> assertThat(context).hasNotFailed().hasSingleBean(ProductionGuard.class));
    }

    @Test
    void withoutProdTheDevelopmentDefaultsAreAccepted() {
        new ApplicationContextRunner().withUserConfiguration(GuardOnly.class)
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ProductionGuard.class));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    @Import(ProductionGuard.class)
    static class GuardOnly {
    }
}
