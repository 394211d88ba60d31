package io.ticketing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.redis.RedisKeys;

/**
 * Base for end-to-end tests: the whole service on a random port, talking to the real database and
 * Redis. Every test makes its own users and events, so tests never depend on each other's data.
 * <p>
 * A bare {@code .expectBody()} after a status check reads the response body: WebTestClient leaks
 * the body's buffers when a test never reads it (spring-projects/spring-framework#36050).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles("test")
@Import({TestClock.Configuration.class, CleanTestDatabase.class, CleanTestRedis.class})
public abstract class IntegrationTest {

    @Autowired
    protected TestClock clock;

    @Autowired
    protected DatabaseClient sql;

    /** The prefix of this run's Redis keys: the test database's name unless a test sets another. */
    @Autowired
    protected RedisKeys redisKeys;

    public static final String ADMIN_EMAIL = "admin@ticketing.test";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    @Autowired
    protected WebTestClient http;

    /**
     * Each test moves time from real time: the waiting room's scripts go by Redis's clock, which is
     * real time, so a test clock that ran ahead over earlier tests would disagree with them by more
     * than an admission pass lasts.
     */
    @BeforeEach
    void startAtRealTime() {
        clock.reset();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        LocalServices.register(registry);
    }

    /** A client for the Prometheus scrape, which outgrows the API's 256 KB body limit. */
    protected WebTestClient scraper() {
        return http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A signed-up user: their access token and id. */
    protected record Buyer(String token, long id) {
    }

    /** Signs up a fresh buyer. */
    protected Buyer buyer() {
        return buyerOf(newUserToken());
    }

    /** The buyer whose access token {@code token} is (one a browser signed in with, say). */
    protected Buyer buyerOf(String token) {
        return new Buyer(token, userId(token));
    }

    /** Registers a fresh user and returns its bearer token. */
    protected String newUserToken() {
        return newUserToken(http);
    }

    /** Registers a fresh user with the instance {@code client} talks to, and returns its bearer token. */
    protected static String newUserToken(WebTestClient client) {
        String email = unique("user") + "@example.com";
        client.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email, "name", "Test User", "password", "password-123"))
            .exchange().expectStatus().isCreated()
            .expectBody();
        return token(client, email, "password-123");
    }

    protected String adminToken() {
        return token(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    protected String token(String email, String password) {
        return token(http, email, password);
    }

    protected static String token(WebTestClient client, String email, String password) {
        return client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email, "password", password))
            .exchange().expectStatus().isOk()
            .expectBody(Map.class).returnResult().getResponseBody().get("accessToken").toString();
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    protected long userId(String token) {
        return ((Number) http.get().uri("/api/v1/users/me").header("Authorization", bearer(token)).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("id")).longValue();
    }

    /**
     * Sells seats of an event behind the API's back, to one confirmed reservation of the admin:
     * seats are never sold without an owner, the schema sees to that.
     */
    protected Mono<Void> sellSeats(long eventId, String seatCondition) {
        // Drawn here, not inside the chain: a random UUID reads /dev/urandom, which BlockHound forbids on I/O threads.
        String key = unique("test-sale");
        return sql.sql("SELECT id FROM app_user WHERE email = :email").bind("email", ADMIN_EMAIL)
            .map(row -> row.get("id", Long.class)).one()
            .flatMap(adminId -> sql.sql("""
                    INSERT INTO reservation (event_id, user_id, status, hold_expires_at, idempotency_key, request_hash, created_at, updated_at)
                    VALUES (:event, :user, 'CONFIRMED', NOW(6), :key, REPEAT('0', 64), NOW(6), NOW(6))""")
                .bind("event", eventId).bind("user", adminId).bind("key", key)
                .filter(statement -> statement.returnGeneratedValues("id"))
                .map(row -> row.get("id", Long.class)).one())
            .flatMap(reservationId -> sql.sql("UPDATE seat SET status = 'SOLD', reservation_id = :r WHERE event_id = :event AND " + seatCondition)
                .bind("r", reservationId).bind("event", eventId).then());
    }

    /**
     * Creates an event (as admin) whose sales opened a day ago on the test clock; answers its id.
     * A day, because other instances in the suite run on the machine's clock, which tests leave behind.
     */
    protected long newEvent(int rows, int seatsPerRow) {
        return newEvent(clock.instant().minus(Duration.ofDays(1)), rows, seatsPerRow);
    }

    protected long newEvent(Instant salesOpenAt, int rows, int seatsPerRow) {
        return newEvent(http, salesOpenAt, rows, seatsPerRow);
    }

    /** Creates an event, as admin, through the instance {@code client} talks to. */
    protected long newEvent(WebTestClient client, Instant salesOpenAt, int rows, int seatsPerRow) {
        Instant startsAt = clock.instant().plus(Duration.ofDays(30));
        Map<?, ?> event = client.post().uri("/api/v1/events").header("Authorization", bearer(token(client, ADMIN_EMAIL, ADMIN_PASSWORD)))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", unique("Sale"), "venue", "Arena", "startsAt", startsAt.toString(),
                "salesOpenAt", salesOpenAt.toString(), "salesCloseAt", startsAt.minus(Duration.ofHours(1)).toString(),
                "sections", List.of(Map.of("name", "A", "rows", rows, "seatsPerRow", seatsPerRow))))
            .exchange().expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) event.get("id")).longValue();
    }

    /** An event on sale now whose sales close {@code closesIn} from now on the test clock. */
    protected long eventClosingIn(Duration closesIn) {
        Instant startsAt = clock.instant().plus(Duration.ofDays(30));
        Map<?, ?> event = http.post().uri("/api/v1/events").header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", unique("Closing"), "venue", "Arena", "startsAt", startsAt.toString(),
                "salesOpenAt", clock.instant().minus(Duration.ofHours(1)).toString(),
                "salesCloseAt", clock.instant().plus(closesIn).toString(),
                "sections", List.of(Map.of("name", "A", "rows", 1, "seatsPerRow", 5))))
            .exchange().expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) event.get("id")).longValue();
    }
}
