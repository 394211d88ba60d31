package io.ticketing.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.IntegrationTest;
import io.ticketing.SecondInstance;
import io.ticketing.queue.AdmissionPasses;
import io.ticketing.testsupport.CuttableProxy;

/**
 * The failure policy, observed: a second instance of the service talks to MariaDB and Redis
 * through proxies that the tests cut and restore. Redis down closes the waiting room (503 with
 * Retry-After) while passes already issued still buy seats; MySQL down refuses holds with 503
 * and writes nothing; either way the instance serves again within 10 s of the dependency's return.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageTest extends IntegrationTest {

    private static final Duration RECOVERY = Duration.ofSeconds(10);

    @Autowired
    Environment environment;

    @Autowired
    AdmissionPasses passes;

    @Autowired
    DatabaseClient db;

    CuttableProxy database;
    CuttableProxy redis;
    ConfigurableApplicationContext instance;
    WebTestClient client;

    @BeforeAll
    void startInstanceBehindProxies() throws Exception {
        database = new CuttableProxy(environment.getProperty("ticketing.db.host"), environment.getProperty("ticketing.db.port", Integer.class));
        redis = new CuttableProxy(environment.getProperty("spring.data.redis.host"), environment.getProperty("spring.data.redis.port", Integer.class));
        instance = SecondInstance.start(environment, Map.of(
            "ticketing.queue.tick-interval", "25ms",
            // The tests repeat requests as one user on purpose: no rate limit may answer first.
            "ticketing.rate-limits.enabled", "false",
            "ticketing.db.host", "127.0.0.1",
            "ticketing.db.port", Integer.toString(database.port()),
            "spring.data.redis.host", "127.0.0.1",
            "spring.data.redis.port", Integer.toString(redis.port()),
            "logging.level.root", "ERROR"));
        client = WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(instance))
            .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    void stop() {
        instance.close();
        database.close();
        redis.close();
    }

    @Test
    void redisOutageClosesTheWaitingRoomButPassesStillBuySeats() {
        long event = newEvent(2, 10);
        String buyer = newUserToken();
        String latecomer = newUserToken();
        String pass = admittedPass(buyer, event);

        redis.cut();
        try {
            EntityExchangeResult<Map> refused = null;
            for (int i = 0; i < 25; i++) {
                refused = enter(latecomer, event);
                assertThat(refused.getStatus().value()).as("entry %d while Redis is down", i).isEqualTo(503);
            }
            assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
            assertThat(refused.getResponseBody()).containsEntry("type", "urn:ticketing:problem:unavailable");

            long started = System.nanoTime();
            enter(latecomer, event);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered at once once the breaker is open")
                .isLessThan(Duration.ofMillis(500));

            Map<?, ?> held = client.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer))
                .header("Admission-Pass", pass).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
            client.post().uri("/api/v1/reservations/{id}/confirm", held.get("id")).header("Authorization", bearer(buyer))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
        }
        finally {
            redis.restore();
        }
        assertThat(recovery(() -> enter(latecomer, event).getStatus().value() == 200)).isLessThan(RECOVERY);
    }

    @Test
    void databaseOutageRefusesHoldsAndWritesNothing() {
        long event = newEvent(2, 10);
        String buyer = newUserToken();
        long buyerId = userId(buyer);
        String pass = passes.issuePass(buyerId, event, Instant.now().plus(Duration.ofMinutes(10)));
        String key = UUID.randomUUID().toString();

        database.cut();
        try {
            for (int i = 0; i < 25; i++) {
                EntityExchangeResult<Map> refused = hold(buyer, pass, event, key);
                assertThat(refused.getStatus().value()).as("hold %d while MySQL is down", i).isEqualTo(503);
                assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
            }
        }
        finally {
            database.restore();
        }
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE event_id = :e", event)).as("no reservation written").isZero();
        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :e AND status <> 'AVAILABLE'", event)).as("no seat taken").isZero();

        assertThat(recovery(() -> hold(buyer, pass, event, key).getStatus().value() == 201)).isLessThan(RECOVERY);
        // (The suite's own context sweeps holds on its test clock, so the seats may be back already.)
        assertThat(count("SELECT COUNT(*) FROM reservation_seat rs JOIN reservation r ON r.id = rs.reservation_id WHERE r.event_id = :e", event))
            .as("the hold after recovery took its two seats").isEqualTo(2);
    }

    private String admittedPass(String token, long event) {
        enter(token, event);
        Map<?, ?> admitted = await().atMost(Duration.ofSeconds(10)).until(() -> client.get().uri("/api/v1/events/{id}/queue/me", event)
                .header("Authorization", bearer(token))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody(),
            me -> "ADMITTED".equals(me.get("state")));
        return admitted.get("pass").toString();
    }

    private EntityExchangeResult<Map> enter(String token, long event) {
        return client.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(token))
            .exchange().expectBody(Map.class).returnResult();
    }

    private EntityExchangeResult<Map> hold(String token, String pass, long event, String key) {
        return client.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(token))
            .header("Admission-Pass", pass).header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
            .exchange().expectBody(Map.class).returnResult();
    }

    /** How long until {@code served} holds, asking every 250 ms; fails past twice the promise. */
    private static Duration recovery(Callable<Boolean> served) {
        long started = System.nanoTime();
        await().pollInterval(Duration.ofMillis(250)).atMost(RECOVERY.multipliedBy(2)).until(served);
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private long count(String sql, long event) {
        return db.sql(sql).bind("e", event).map(row -> row.get(0, Long.class)).one().block();
    }
}
