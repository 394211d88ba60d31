package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.SecondInstance;
import io.ticketing.testsupport.Invariants;

/** Holds through two instances at once: the buyer's share and the seats are settled in the database, not in either instance. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstanceHoldTest extends ReservationTestSupport {

    @Autowired
    Environment environment;

    @Value("${local.server.port}")
    int port;

    ConfigurableApplicationContext other;
    List<WebClient> instances;

    @BeforeAll
    void startAnotherInstance() {
        other = SecondInstance.start(environment, Map.of());
        instances = List.of(WebClient.create("http://127.0.0.1:" + port),
            WebClient.create(SecondInstance.baseUrl(other)));
    }

    @AfterAll
    void stopAnotherInstance() {
        other.close();
    }

    @Test
    void hoardingThroughBothInstancesStaysWithinTheBuyersShare() {
        long event = newEvent(4, 25);
        Buyer hoarder = buyer();
        List<Long> seats = seatIds(event);
        // Fresh passes, fresh keys, chosen and best-available seats, half through each instance;
        // whatever is held gets confirmed or cancelled at once, and the next round tries again.
        List<String> passes = List.of(pass(hoarder, event), pass(hoarder, event));

        Flux.range(0, 60)
            .flatMap(i -> holdThrough(instances.get(i % 2), hoarder, passes.get(i / 2 % 2), event, "hoard-" + i,
                    i % 3 == 0 ? Map.of("seatIds", List.of(seats.get(i), seats.get(i + 1))) : Map.of("quantity", 1 + i % 2))
                .flatMap(reservation -> reservation.isEmpty() ? Mono.empty() : i % 4 == 0
                    ? post(instances.get((i + 1) % 2), hoarder, "/api/v1/reservations/{id}/confirm", reservation.get("id"))
                    : i % 4 == 1 ? delete(instances.get(i % 2), hoarder, reservation.get("id")) : Mono.empty()), 16)
            .then().block(Duration.ofSeconds(60));

        assertThat(count("""
                SELECT COUNT(*) FROM seat s JOIN reservation r ON r.id = s.reservation_id
                WHERE r.event_id = :id AND r.user_id = %d AND r.status IN ('HELD', 'CONFIRMED')""".formatted(hoarder.id()), event))
            .as("the hoarder's live and bought seats").isBetween(1L, 4L);
        assertThat(Invariants.check(db, List.of(event)).violations()).as("the sale's invariants, the share row's count included")
            .allSatisfy((rule, rows) -> assertThat(rows).as(rule).isZero());
    }

    @Test
    void everyChosenSeatRefusalNamesTheTakenSeats() {
        long event = newEvent(1, 4);
        List<Long> wanted = seatIds(event).subList(0, 2);
        ConcurrentLinkedQueue<Object> namedInRefusals = new ConcurrentLinkedQueue<>();
        List<Buyer> buyers = Flux.range(0, 30).map(i -> buyer()).collectList().block();

        List<Integer> statuses = Flux.range(0, buyers.size())
            .flatMap(i -> instances.get(i % 2).post().uri("/api/v1/events/{id}/reservations", event)
                .headers(h -> {
                    h.setBearerAuth(buyers.get(i).token());
                    h.set("Admission-Pass", pass(buyers.get(i), event));
                    h.set("Idempotency-Key", "chosen-" + i);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("seatIds", wanted))
                .exchangeToMono(response -> response.bodyToMono(Map.class).map(body -> {
                    if (response.statusCode().value() == 409) {
                        namedInRefusals.add(body.get("seatIds"));
                    }
                    return response.statusCode().value();
                })))
            .collectList().block(Duration.ofSeconds(60));

        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        assertThat(namedInRefusals).hasSize(buyers.size() - 1)
            .allSatisfy(named -> assertThat((List<?>) named).isNotEmpty().allSatisfy(seat -> assertThat(wanted).contains(((Number) seat).longValue())));
    }

    private Mono<Map<?, ?>> holdThrough(WebClient client, Buyer buyer, String pass, long event, String key, Map<String, Object> body) {
        return client.post().uri("/api/v1/events/{id}/reservations", event)
            .headers(h -> {
                h.setBearerAuth(buyer.token());
                h.set("Admission-Pass", pass);
                h.set("Idempotency-Key", key);
            })
            .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
            .exchangeToMono(response -> response.bodyToMono(Map.class).map(answer -> response.statusCode().value() == 201 ? answer : Map.of()));
    }

    private static Mono<Void> post(WebClient client, Buyer buyer, String path, Object id) {
        return client.post().uri(path, id).headers(h -> {
                h.setBearerAuth(buyer.token());
                h.set("Idempotency-Key", "confirm-" + id);
            })
            .exchangeToMono(response -> response.releaseBody());
    }

    private static Mono<Void> delete(WebClient client, Buyer buyer, Object id) {
        return client.delete().uri("/api/v1/reservations/{id}", id).headers(h -> h.setBearerAuth(buyer.token()))
            .exchangeToMono(response -> response.releaseBody());
    }
}
