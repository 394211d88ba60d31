package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

/** The queueing modes an operator switches during a sale, through the API, on the room's real scripts. */
class QueueModesTest extends QueueTestSupport {

    @Test
    void closedTurnsNewArrivalsAwayWithTheOperatorsMessage() {
        long event = newEvent(2, 2);
        configure(event, Map.of("mode", "CLOSED", "message", "Sold through our partners"));

        Map<?, ?> snapshot = enter(event, buyer());

        assertThat(snapshot.get("state")).isEqualTo("CLOSED");
        assertThat(snapshot.get("message")).isEqualTo("Sold through our partners");
        assertThat(snapshot.get("streamUrl")).isNull();
    }

    @Test
    void closedKeepsThoseAlreadyWaitingAndAdmitsThem() {
        long event = newEvent(2, 2);
        Buyer waiting = buyer();
        enter(event, waiting);
        configure(event, Map.of("mode", "CLOSED"));

        assertThat(status(event, waiting).get("state")).isEqualTo("WAITING");
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(waiting.id()));
    }

    @Test
    void queueAllAdmitsNobodyWhileArrivalsStillGetPlaces() {
        long event = newEvent(2, 2);
        enter(event, buyer());
        configure(event, Map.of("mode", "QUEUE_ALL"));
        tickAfter(event, Duration.ZERO);

        assertThat(tickAfter(event, Duration.ofSeconds(2))).isEmpty();
        assertThat(position(enter(event, buyer()))).isEqualTo(2);

        configure(event, Map.of("mode", "FIFO"));
        assertThat(tickAfter(event, Duration.ofSeconds(1))).hasSize(2);
    }

    @Test
    void passthroughLetsArrivalsStraightInBelowMaxActive() {
        long event = newEvent(2, 2);
        salesOpenNow(event);
        configure(event, Map.of("mode", "PASSTHROUGH", "maxActive", 2));

        Map<?, ?> first = enter(event, buyer());
        Map<?, ?> second = enter(event, buyer());

        assertThat(first.get("state")).isEqualTo("ADMITTED");
        assertThat(first.get("pass")).isNotNull();
        assertThat(second.get("state")).isEqualTo("ADMITTED");
        Map<?, ?> stats = stats(event);
        assertThat(List.of(stats.get("active"), stats.get("admitted"))).containsExactly(2, 2);
    }

    @Test
    void passthroughQueuesArrivalsAboveMaxActive() {
        long event = newEvent(2, 2);
        salesOpenNow(event);
        configure(event, Map.of("mode", "PASSTHROUGH", "maxActive", 1));
        enter(event, buyer());

        Map<?, ?> third = enter(event, buyer());

        assertThat(third.get("state")).isEqualTo("WAITING");
        assertThat(position(third)).isEqualTo(1);
    }

    @Test
    void passthroughLetsNobodyPassThoseAlreadyWaiting() {
        long event = newEvent(2, 2);
        salesOpenNow(event);
        enter(event, buyer());
        configure(event, Map.of("mode", "PASSTHROUGH"));

        Map<?, ?> later = enter(event, buyer());

        assertThat(later.get("state")).isEqualTo("WAITING");
        assertThat(position(later)).isEqualTo(2);
    }

    @Test
    void passthroughAdmitsNobodyWhilePaused() {
        long event = newEvent(2, 2);
        salesOpenNow(event);
        configure(event, Map.of("mode", "PASSTHROUGH", "paused", true));

        assertThat(enter(event, buyer()).get("state")).isEqualTo("WAITING");
    }

    @Test
    void fifoGivesEarlyArrivalsTheirPlacesInArrivalOrder() {
        long event = newEvent(clock.instant().plus(Duration.ofMinutes(10)), 2, 2);
        configure(event, Map.of("mode", "FIFO"));

        List<Long> positions = List.of(buyer(), buyer(), buyer()).stream().map(b -> position(enter(event, b))).toList();

        assertThat(positions).containsExactly(1L, 2L, 3L);
    }

    @Test
    void nobodyIsAdmittedBeforeTheOpening() {
        long event = newEvent(clock.instant().plus(Duration.ofMinutes(10)), 2, 2);
        configure(event, Map.of("mode", "FIFO"));
        enter(event, buyer());

        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void fifoArrivalsJoinADrawAlreadyWaitingRatherThanPassIt() {
        long event = newEvent(clock.instant().plus(Duration.ofMinutes(10)), 2, 2);
        enter(event, buyer());
        configure(event, Map.of("mode", "FIFO"));

        Map<?, ?> later = enter(event, buyer());

        assertThat(later.get("preQueue")).isEqualTo(true);
        assertThat(later.get("position")).isNull();
    }

    @Test
    void aScheduledWindowOverridesTheModeSet() {
        long event = newEvent(2, 2);
        Instant now = Instant.ofEpochMilli(redisMillis());
        http.put().uri("/api/v1/admin/events/{id}/queue/schedule", event).header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(List.of(Map.of("mode", "CLOSED", "from", now.minusSeconds(60).toString(), "to", now.plusSeconds(600).toString())))
            .exchange().expectStatus().isOk()
            .expectBody()
            .jsonPath("$.mode").isEqualTo("RANDOM_AT_OPEN")
            .jsonPath("$.effectiveMode").isEqualTo("CLOSED");

        assertThat(enter(event, buyer()).get("state")).isEqualTo("CLOSED");
    }

    @Test
    void aWindowThatHasEndedNoLongerApplies() {
        long event = newEvent(2, 2);
        Instant now = Instant.ofEpochMilli(redisMillis());
        http.put().uri("/api/v1/admin/events/{id}/queue/schedule", event).header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(List.of(Map.of("mode", "CLOSED", "from", now.minusSeconds(600).toString(), "to", now.minusSeconds(60).toString())))
            .exchange().expectStatus().isOk().expectBody();

        assertThat(enter(event, buyer()).get("state")).isEqualTo("WAITING");
    }

    @Test
    void waitersSeeTheOperatorsMessage() {
        long event = newEvent(2, 2);
        Buyer waiting = buyer();
        enter(event, waiting);
        configure(event, Map.of("message", "Extra seats released at noon"));

        assertThat(status(event, waiting).get("message")).isEqualTo("Extra seats released at noon");
    }
}
