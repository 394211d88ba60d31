package io.ticketing.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import io.ticketing.queue.QueueTestSupport;

/** The operator's console figures through the API, against the real Redis and database. */
class ConsoleApiTest extends QueueTestSupport {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> SSE = new ParameterizedTypeReference<>() {
    };

    private Map<?, ?> consoleStats(long eventId) {
        return http.get().uri("/api/v1/admin/events/{id}/stats", eventId).header("Authorization", bearer(adminToken()))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> block(Map<?, ?> stats, String name) {
        return (Map<String, Object>) stats.get(name);
    }

    private static double number(Map<?, ?> block, String name) {
        return ((Number) block.get(name)).doubleValue();
    }

    /** A buyer admitted through the waiting room, holding one seat; answers the reservation's id. */
    private long holdOneSeat(long eventId, Buyer buyer) {
        String pass = (String) status(eventId, buyer).get("pass");
        Map<?, ?> reservation = http.post().uri("/api/v1/events/{id}/reservations", eventId).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass).header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1))
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) reservation.get("id")).longValue();
    }

    @Test
    void entriesAdmissionsHoldsAndPurchasesAreCounted() {
        long event = newEvent(2, 5);
        Buyer first = buyer();
        Buyer second = buyer();
        enter(event, first);
        enter(event, second);
        enter(event, second);
        tickAfter(event, Duration.ZERO); // a new event's bucket starts filling
        assertThat(tickAfter(event, Duration.ofSeconds(1))).hasSize(2);
        holdOneSeat(event, first);
        long bought = holdOneSeat(event, second);
        http.post().uri("/api/v1/reservations/{id}/confirm", bought).header("Authorization", bearer(second.token()))
            .header("Idempotency-Key", "confirm-" + bought).exchange().expectStatus().isOk().expectBody();

        Map<?, ?> stats = consoleStats(event);

        assertThat(block(stats, "totals")).containsEntry("entries", 2).containsEntry("admissions", 2).containsEntry("holds", 2)
            .containsEntry("purchases", 1);
        assertThat(block(stats, "line")).as("a purchase gives its slot inside to the next waiter")
            .containsEntry("waiting", 0).containsEntry("admitted", 2).containsEntry("inside", 1);
        assertThat(block(stats, "seats")).containsEntry("total", 10).containsEntry("held", 1).containsEntry("sold", 1);
        assertThat(block(stats, "conversion")).containsEntry("admitted", 2).containsEntry("buyers", 1).containsEntry("rate", 0.5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBurnDownFallsByTheSeatsSoldSinceTheOpening() {
        long event = newEvent(clock.instant().minusSeconds(5), 2, 5);
        Buyer buyer = buyer();
        enter(event, buyer);
        tickAfter(event, Duration.ZERO);
        tickAfter(event, Duration.ofSeconds(1));
        String pass = (String) status(event, buyer).get("pass");
        Map<?, ?> reservation = http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass).header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/api/v1/reservations/{id}/confirm", reservation.get("id")).header("Authorization", bearer(buyer.token()))
            .header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectStatus().isOk().expectBody();
        // The step of the purchase ends: the history read from the database has it, not only the live point.
        clock.advance(Duration.ofSeconds(2));

        List<Map<String, Object>> burnDown = (List<Map<String, Object>>) consoleStats(event).get("burnDown");

        assertThat(burnDown).extracting(point -> point.get("seatsLeft")).startsWith(10).endsWith(8, 8);
    }

    @Test
    void ratesAreTheGrowthOfTheTotalsBetweenTwoSamples() {
        long event = newEvent(2, 5);
        Map<?, ?> before = consoleStats(event);
        assertThat(before.get("rates")).as("one sample has no rate yet").isNull();
        for (int i = 0; i < 3; i++) {
            enter(event, buyer());
        }
        clock.advance(Duration.ofSeconds(2));

        Map<?, ?> after = consoleStats(event);

        double seconds = Duration.between(Instant.parse((String) before.get("at")), Instant.parse((String) after.get("at"))).toMillis() / 1000.0;
        assertThat(number(block(after, "rates"), "entriesPerSecond")).isEqualTo(Math.round(10 * 3 / seconds) / 10.0);
    }

    @Test
    void waitPercentilesMeasureTheWaitFromEntryToAdmission() {
        long event = newEvent(2, 5);
        Buyer buyer = buyer();
        enter(event, buyer);
        configure(event, Map.of("paused", true));
        tickAfter(event, Duration.ZERO);
        elapse(event, Duration.ofSeconds(20)).block();
        status(event, buyer);
        configure(event, Map.of("paused", false));
        assertThat(tickAfter(event, Duration.ZERO)).containsExactly(Long.toString(buyer.id()));

        Map<?, ?> waits = block(consoleStats(event), "waitSeconds");

        assertThat(number(waits, "p50")).isCloseTo(20, within(2.5));
        assertThat(number(waits, "p99")).isCloseTo(20, within(2.5));
    }

    @Test
    void theStreamSendsStatsEvents() {
        long event = newEvent(2, 5);

        http.get().uri("/api/v1/admin/events/{id}/console/stream", event).header("Authorization", bearer(adminToken()))
            .accept(MediaType.TEXT_EVENT_STREAM).exchange()
            .expectStatus().isOk()
            .returnResult(SSE).getResponseBody()
            .filter(e -> e.event() != null)
            .as(StepVerifier::create)
            .assertNext(e -> {
                assertThat(e.event()).isEqualTo("stats");
                assertThat(e.data()).containsEntry("eventId", (int) event).containsKeys("line", "totals", "seats", "settings", "health");
            })
            .assertNext(e -> assertThat(e.event()).as("another a second later").isEqualTo("stats"))
            .thenCancel()
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void theSettingsShowTheModeInForceBesideTheModeSet() {
        long event = newEvent(2, 5);
        Instant now = clock.instant();
        http.put().uri("/api/v1/admin/events/{id}/queue/schedule", event).header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(List.of(Map.of("mode", "QUEUE_ALL", "from", now.minusSeconds(60).toString(), "to", now.plusSeconds(600).toString())))
            .exchange().expectStatus().isOk().expectBody();
        configure(event, Map.of("challengeBits", 12, "message", "Doors at seven"));

        assertThat(block(consoleStats(event), "settings")).containsEntry("mode", "RANDOM_AT_OPEN").containsEntry("effectiveMode", "QUEUE_ALL")
            .containsEntry("challengeBits", 12).containsEntry("message", "Doors at seven");
    }

    @Test
    void aBuyerMayNotSeeTheConsole() {
        long event = newEvent(2, 5);

        http.get().uri("/api/v1/admin/events/{id}/stats", event).header("Authorization", bearer(buyer().token()))
            .exchange().expectStatus().isForbidden().expectBody();
    }

    @Test
    void anUnknownEventHasNoStats() {
        http.get().uri("/api/v1/admin/events/{id}/stats", Long.MAX_VALUE - 5).header("Authorization", bearer(adminToken()))
            .exchange().expectStatus().isNotFound().expectBody();
    }
}
