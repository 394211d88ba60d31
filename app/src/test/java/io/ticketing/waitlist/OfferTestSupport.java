package io.ticketing.waitlist;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.config.PeriodicTask;
import io.ticketing.reservation.ReservationTestSupport;

/**
 * Sold-out events whose seats come back, and the waiting list they are offered to. Buyers are put
 * on the list behind the API's back, in a line order the test chooses: joining it from the line is
 * WaitingListTest's; here an entry is a row, as joining leaves it.
 */
abstract class OfferTestSupport extends ReservationTestSupport {

    @Autowired
    OfferSweep offerSweep;

    /** The reservations' sweep (package-private there), which also passes offers past their deadline. */
    @Autowired
    @Qualifier("holdExpiry")
    PeriodicTask holdExpiry;

    @Autowired
    WaitingListProperties properties;

    @Autowired
    ReactiveStringRedisTemplate redis;

    /** Puts the buyers on the event's list with line tickets 1, 2, ... in the order given. */
    void listed(long event, Buyer... buyers) {
        for (int i = 0; i < buyers.length; i++) {
            list(event, buyers[i], i + 1, false);
        }
    }

    void list(long event, Buyer buyer, long ticket, boolean shadow) {
        sql.sql("""
                INSERT INTO waiting_list_entry (event_id, user_id, line_ticket, shadow, joined_at)
                VALUES (:event, :user, :ticket, :shadow, :joinedAt)""")
            .bind("event", event).bind("user", buyer.id()).bind("ticket", ticket).bind("shadow", shadow)
            .bind("joinedAt", LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
            .then().block();
    }

    /**
     * Every seat of the event still free is sold behind the API's back, so that only the holds made
     * before come back; recorded as a sale records its seats, so that the sale's invariants hold.
     */
    void sellTheRest(long event) {
        sellSeats(event, "status = 'AVAILABLE'").block();
        sql.sql("""
                INSERT INTO reservation_seat (reservation_id, seat_id)
                SELECT s.reservation_id, s.id FROM seat s JOIN reservation r ON r.id = s.reservation_id AND r.status = 'CONFIRMED'
                WHERE s.event_id = :event AND s.status = 'SOLD'""")
            .bind("event", event).then().block();
        redis.delete(redisKeys.key("{event:" + event + "}:detail")).block();
    }

    /** A buyer who holds seats of the event now, to give them back later: a returned seat. */
    record Returner(Buyer buyer, Map<?, ?> hold) {

        long seat() {
            return ((Number) ((Map<?, ?>) ((List<?>) hold.get("seats")).get(0)).get("id")).longValue();
        }
    }

    Returner returner(long event, int quantity) {
        Buyer buyer = buyer();
        return new Returner(buyer, held(buyer, event, Map.of("quantity", quantity)));
    }

    /** The returner cancels their hold: its seats are free again. */
    void giveBack(Returner returner) {
        http.delete().uri("/api/v1/reservations/{id}", returner.hold().get("id")).header("Authorization", bearer(returner.buyer().token()))
            .exchange().expectStatus().isOk().expectBody();
    }

    /** The event sold out but for one seat held by a returner, who has not given it back yet. */
    Returner soldOutButOne(long event) {
        return soldOutBut(event, 1).get(0);
    }

    /** The event sold out but for {@code returners} seats, each held by a returner of its own. */
    List<Returner> soldOutBut(long event, int returners) {
        List<Returner> held = IntStream.range(0, returners).mapToObj(i -> returner(event, 1)).toList();
        sellTheRest(event);
        return held;
    }

    /**
     * A sold-out event of two seats; one comes back once {@code listed} are on its list, in that
     * order, and a sweep offers it. Answers the event.
     */
    long offeredTo(Buyer... listed) {
        long event = newEvent(1, 2);
        Returner returner = soldOutButOne(event);
        listed(event, listed);
        giveBack(returner);
        sweep();
        return event;
    }

    /** One sweep of this instance; answers how many offers it made. */
    long sweep() {
        return offerSweep.sweep().block();
    }

    /** Lets the offer window pass, and the reservations' sweep pass the offer. */
    void letPass(long offerId) {
        clock.advance(properties.offerWindow().plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            holdExpiry.runNow().block();
            return "PASSED".equals(reservationStatus(offerId));
        });
    }

    /** A hold carrying an offer: no Admission-Pass. */
    WebTestClient.ResponseSpec take(Buyer buyer, long event, long offerId) {
        return take(buyer, event, Map.of("offerId", offerId), UUID.randomUUID().toString());
    }

    WebTestClient.ResponseSpec take(Buyer buyer, long event, Map<String, Object> body, String key) {
        return http.post().uri("/api/v1/events/{id}/reservations", event)
            .header("Authorization", bearer(buyer.token()))
            .header("Idempotency-Key", key)
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
            .exchange();
    }

    /** The answer is the problem {@code type} with {@code status}. */
    static void refused(WebTestClient.ResponseSpec response, int status, String type) {
        response.expectStatus().isEqualTo(status).expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:" + type);
    }

    /** The buyer's entry as GET .../waiting-list shows it. */
    Map<?, ?> entry(long event, Buyer buyer) {
        return http.get().uri("/api/v1/events/{id}/waiting-list", event).header("Authorization", bearer(buyer.token())).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** The offer the buyer's entry shows; null before they got one. */
    Map<?, ?> offer(long event, Buyer buyer) {
        return (Map<?, ?>) entry(event, buyer).get("offer");
    }

    /** The offer's status; null for no offer. */
    static String status(Map<?, ?> offer) {
        return offer == null ? null : (String) offer.get("status");
    }

    static long offerId(Map<?, ?> offer) {
        return ((Number) offer.get("offerId")).longValue();
    }

    static List<Long> seatIdsOf(Map<?, ?> offer) {
        return ((List<?>) offer.get("seatIds")).stream().map(id -> ((Number) id).longValue()).toList();
    }

    String reservationStatus(long id) {
        return sql.sql("SELECT status FROM reservation WHERE id = :id").bind("id", id).map(row -> row.get("status", String.class)).one().block();
    }

    /** The reservation that owns the seat now; null when it is free. */
    Long owner(long seatId) {
        return sql.sql("SELECT reservation_id FROM seat WHERE id = :id").bind("id", seatId)
            .map(row -> row.get("reservation_id", Long.class)).one().block();
    }

    long share(long event, Buyer buyer) {
        return sql.sql("SELECT COALESCE(MAX(seats), 0) FROM buyer_share WHERE event_id = :e AND user_id = :u").bind("e", event).bind("u", buyer.id())
            .map(row -> ((Number) row.get(0)).longValue()).one().block();
    }
}
