package io.ticketing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.ticketing.security.AuthProperties;

class ProductionGuardTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String jwtSecret = fresh();
    private final String adminPassword = fresh();
    private final String dbPassword = fresh();
    private final String redisPassword = fresh();

    /** The prod profile with a secret of its own for everything, except what a test overrides. */
    private ApplicationContextRunner prod(String... overrides) {
        return new ApplicationContextRunner()
            .withUserConfiguration(GuardOnly.class)
            .withPropertyValues("spring.profiles.active=prod",
                "ticketing.auth.jwt-secret=" + jwtSecret,
                "ticketing.auth.admin-password=" + adminPassword,
                "spring.r2dbc.password=" + dbPassword,
                "spring.flyway.password=" + dbPassword,
                "spring.data.redis.password=" + redisPassword)
            .withPropertyValues(overrides);
    }

    @Test
    void prodRefusesTheDevelopmentJwtSecret() {
        prod("ticketing.auth.jwt-secret=" + AuthProperties.DEV_JWT_SECRET)
            .run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("JWT_SECRET"));
    }

    @Test
    void prodRefusesTheDevelopmentAdminPassword() {
        prod("ticketing.auth.admin-password=" + AuthProperties.DEV_ADMIN_PASSWORD)
            .run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("ADMIN_PASSWORD"));
    }

    @Test
    void prodRefusesTheJwtSecretTheDevOverlayOnceCommitted() {
        prod("ticketing.auth.jwt-secret=dev-only-jwt-secret-0123456789abcdef0123456789abcdef")
            .run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("JWT_SECRET").hasMessageContaining("dev-only"));
    }

    @Test
    void prodRefusesADatastorePasswordMarkedDevOnly() {
        prod("spring.data.redis.password=dev-only-redis-password")
            .run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("REDIS_PASSWORD"));
    }

    @Test
    void prodRefusesADatabasePasswordCommittedToTheRepository() {
        // Committed (as the admin's development default), not marked dev-only: only its digest tells.
        prod("spring.r2dbc.password=" + AuthProperties.DEV_ADMIN_PASSWORD)
            .run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("DB_PASSWORD").hasMessageContaining("committed"));
    }

    @Test
    void prodRefusesAnEmptyRedisPassword() {
        prod("spring.data.redis.password=")
            .run(context -> assertThat(context).hasFailed()
                .getFailure().rootCause().hasMessageContaining("REDIS_PASSWORD"));
    }

    @Test
    void prodStartsWithFreshRandomSecrets() {
        prod().run(context -> assertThat(context).hasNotFailed().hasSingleBean(ProductionGuard.class));
    }

    @Test
    void theJarCarriesTheDigestsOfTheCommittedSecretsNeverTheValues() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("io/ticketing/security/committed-secrets.sha256")) {
            assertThat(in).as("the build's digests of the committed secrets").isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.startsWith("#")).toList();
        }
        assertThat(lines).allMatch(line -> line.matches("[0-9a-f]{64}"))
            .contains(sha256(AuthProperties.DEV_ADMIN_PASSWORD), sha256(AuthProperties.DEV_JWT_SECRET));
    }

    @Test
    void withoutProdTheDevelopmentDefaultsAreAccepted() {
        new ApplicationContextRunner().withUserConfiguration(GuardOnly.class)
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ProductionGuard.class));
    }

    private static String fresh() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String sha256(String value) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuthProperties.class)
    @Import(ProductionGuard.class)
    static class GuardOnly {
    }
}
