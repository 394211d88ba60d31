package io.ticketing.reservation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.IntegrationTest;
import io.ticketing.queue.AdmissionPasses;

/** Buyers, passes, holds and what the database says of them, for the reservation API's tests. */
public abstract class ReservationTestSupport extends IntegrationTest {

    @Autowired
    AdmissionPasses passes;

    @Autowired
    DatabaseClient db;

    @Autowired
    HoldExpiry expiry;


    String pass(Buyer buyer, long eventId) {
        return passes.issuePass(buyer.id(), eventId, clock.instant().plus(Duration.ofMinutes(10)));
    }

    /** A hold whose deadline has passed, not yet swept. */
    /**
     * Sweeps until a sweep releases nothing more; answers how many holds were released. A sweep
     * takes the oldest expired holds first, a batch at a time, and earlier tests leave plenty.
     */
    long sweepAll() {
        return expiry.sweep().expand(released -> released > 0 ? expiry.sweep() : Mono.empty()).reduce(0L, Long::sum).block();
    }

    Map<?, ?> expiredHold(Buyer buyer, long event, int quantity) {
        Map<?, ?> reservation = held(buyer, event, Map.of("quantity", quantity));
        clock.advance(Duration.ofMinutes(6));
        return reservation;
    }

    static void refusedAsExpired(WebTestClient.ResponseSpec confirmation) {
        confirmation.expectStatus().isEqualTo(409)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:hold-expired");
    }

    /** The reservation ended as {@code status}, and every seat of the event is on sale again. */
    void assertBackOnSale(Buyer buyer, Map<?, ?> reservation, String status, long event, int seats) {
        http.get().uri("/api/v1/reservations/{id}", id(reservation)).header("Authorization", bearer(buyer.token())).exchange()
            .expectBody().jsonPath("$.status").isEqualTo(status);
        http.get().uri("/api/v1/events/{id}", event).exchange()
            .expectBody().jsonPath("$.available").isEqualTo(seats).jsonPath("$.held").isEqualTo(0);
    }

    WebTestClient.ResponseSpec confirm(Buyer buyer, Map<?, ?> reservation, String key) {
        return http.post().uri("/api/v1/reservations/{id}/confirm", id(reservation)).header("Authorization", bearer(buyer.token()))
            .header("Idempotency-Key", key)
            .exchange();
    }

    protected WebTestClient.ResponseSpec hold(Buyer buyer, long eventId, Map<String, Object> body, String key) {
        return http.post().uri("/api/v1/events/{id}/reservations", eventId)
            .header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass(buyer, eventId))
            .header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
            .exchange();
    }

    protected Map<?, ?> held(Buyer buyer, long eventId, Map<String, Object> body) {
        return hold(buyer, eventId, body, UUID.randomUUID().toString()).expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();
    }

    protected List<Long> seatIds(long eventId) {
        return db.sql("SELECT id FROM seat WHERE event_id = :id ORDER BY id").bind("id", eventId)
            .map(row -> row.get("id", Long.class)).all().collectList().block();
    }

    protected String seatStatus(long seatId) {
        return db.sql("SELECT status FROM seat WHERE id = :id").bind("id", seatId).map(row -> row.get("status", String.class)).one().block();
    }

    static long id(Map<?, ?> reservation) {
        return ((Number) reservation.get("id")).longValue();
    }

    WebTestClient.ResponseSpec cancel(Buyer buyer, Map<?, ?> reservation) {
        return http.delete().uri("/api/v1/reservations/{id}", id(reservation)).header("Authorization", bearer(buyer.token())).exchange();
    }

    protected long count(String sql, long id) {
        return db.sql(sql).bind("id", id).map(row -> row.get(0, Long.class)).one().block();
    }
}
