package io.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.IntegrationTest;
import io.ticketing.SecondInstance;
import io.ticketing.testsupport.CuttableProxy;

/**
 * The sign-in limits that live in Redis, seen from a second instance that talks to Redis through
 * a proxy the tests cut: with Redis there, wrong passwords made on one instance slow the account
 * down on the other; without it, each instance limits on its own, as RateLimitProperties decides
 * (fail open to each instance's own bucket), instead of refusing everyone or letting everything through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInLimitsAcrossInstancesTest extends IntegrationTest {

    private static final String PASSWORD = "password-123";
    private static final int SIGN_INS_PER_ACCOUNT = 3;
    private static final int WRONG_PASSWORDS_ALLOWED = 2;

    @Autowired
    Environment environment;

    @Autowired
    ReactiveStringRedisTemplate redisData;

    CuttableProxy redis;
    ConfigurableApplicationContext instance;
    WebTestClient other;

    @BeforeAll
    void startInstanceBehindRedisProxy() throws Exception {
        redis = new CuttableProxy(environment.getProperty("spring.data.redis.host"), environment.getProperty("spring.data.redis.port", Integer.class));
        instance = SecondInstance.start(environment, Map.of(
            "ticketing.rate-limits.window", "1h",
            "ticketing.rate-limits.sign-in-per-account", Integer.toString(SIGN_INS_PER_ACCOUNT),
            "ticketing.auth.slow-down.after-failures", Integer.toString(WRONG_PASSWORDS_ALLOWED),
            "spring.data.redis.host", "127.0.0.1",
            "spring.data.redis.port", Integer.toString(redis.port()),
            "logging.level.root", "ERROR"));
        other = WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(instance)).responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** The next test starts from a healthy instance: reconnected to Redis, its breaker closed (a cut may have opened it). */
    @AfterEach
    void restoreRedis() {
        redis.restore();
        ReactiveStringRedisTemplate instanceRedis = instance.getBean(ReactiveStringRedisTemplate.class);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> instanceRedis.hasKey("reconnected?").block() != null);
        instance.getBean(CircuitBreakerRegistry.class).circuitBreaker("redis").reset();
    }

    @AfterAll
    void stop() {
        instance.close();
        redis.close();
    }

    @Test
    void wrongPasswordsOnOneInstanceSlowTheAccountDownOnAnother() {
        String email = registered();
        for (int i = 0; i < WRONG_PASSWORDS_ALLOWED; i++) {
            assertThat(signIn(http, email, "wrong-password").getStatus().value()).isEqualTo(401);
        }

        assertRateLimited(signIn(other, email, PASSWORD));
    }

    @Test
    void withoutRedisEachInstanceLimitsSignInsToAnAccountOnItsOwn() {
        String email = registered();
        signInsUpToTheLimit(email);
        assertRateLimited(signIn(other, email, PASSWORD));

        redis.cut();

        signInsUpToTheLimit(email);
        assertRateLimited(signIn(other, email, PASSWORD));
    }

    @Test
    void withoutRedisWrongPasswordsStillSlowTheAccountDown() {
        String email = registered();
        redis.cut();

        for (int i = 0; i < WRONG_PASSWORDS_ALLOWED; i++) {
            assertThat(signIn(other, email, "wrong-password").getStatus().value()).as("wrong password %d without Redis", i).isEqualTo(401);
        }

        assertRateLimited(signIn(other, email, PASSWORD));
        assertThat(redisData.hasKey(new SignInAttempt(redisKeys, Emails.canonical(email), "unknown").everywhere()).block()).as("counted by the instance alone").isFalse();
    }

    private void signInsUpToTheLimit(String email) {
        for (int i = 0; i < SIGN_INS_PER_ACCOUNT; i++) {
            assertThat(signIn(other, email, PASSWORD).getStatus().value()).as("sign-in %d", i).isEqualTo(200);
        }
    }

    private static void assertRateLimited(EntityExchangeResult<Map> result) {
        assertThat(result.getStatus().value()).isEqualTo(429);
        assertThat(result.getResponseBody()).containsEntry("type", "urn:ticketing:problem:rate-limited");
    }

    private String registered() {
        String email = unique("shared") + "@example.com";
        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email, "name", "Someone", "password", PASSWORD))
            .exchange().expectStatus().isCreated().expectBody();
        return email;
    }

    private static EntityExchangeResult<Map> signIn(WebTestClient client, String email, String password) {
        return client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email, "password", password))
            .exchange().expectBody(Map.class).returnResult();
    }
}
