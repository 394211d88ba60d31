package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.IntegrationTest;
import io.ticketing.queue.AdmissionPasses;
import io.ticketing.testsupport.TestBuyers;
import io.ticketing.testsupport.TestTokens;

/** The sale's worst minute in small: 2,000 buyers at once for 100 seats. */
class ConcurrentHoldTest extends IntegrationTest {

    private static final int BUYERS = 2_000;
    private static final int SEATS = 100;

    @Autowired
    DatabaseClient db;

    @Autowired
    JwtEncoder jwt;

    @Autowired
    AdmissionPasses passes;

    @Value("${local.server.port}")
    int port;

    @Test
    void twoThousandConcurrentHoldsSellEachOfAHundredSeatsExactlyOnce() {
        long event = newEvent(4, 25);
        List<Long> seats = db.sql("SELECT id FROM seat WHERE event_id = :id ORDER BY id").bind("id", event)
            .map(row -> row.get("id", Long.class)).all().collectList().block();
        // Buyers written straight to the table: this test is about holds, not sign-ups.
        List<Long> buyers = Arrays.stream(TestBuyers.seed(db, unique("concurrent"), BUYERS)).boxed().toList();
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        Random random = new Random(42);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            // Half choose a seat (most of them collide), half ask for one or two of the best left.
            bodies.add(i % 2 == 0 ? Map.of("seatIds", List.of(seats.get(random.nextInt(SEATS)))) : Map.of("quantity", 1 + random.nextInt(2)));
        }

        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Map<Long, Long> ownerOfSeat = new ConcurrentHashMap<>();
        List<Long> duplicates = new ArrayList<>();
        Flux.range(0, BUYERS)
            .flatMap(i -> {
                long user = buyers.get(i);
                return client.post().uri("/api/v1/events/{id}/reservations", event)
                    .headers(h -> {
                        h.setBearerAuth(token(user));
                        h.set("Admission-Pass", passes.issuePass(user, event, clock.instant().plus(Duration.ofHours(1))));
                        h.set("Idempotency-Key", "concurrent-" + i);
                    })
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(bodies.get(i))
                    .exchangeToMono(response -> response.bodyToMono(Map.class).defaultIfEmpty(Map.of()).map(body -> {
                        statuses.merge(response.statusCode().value(), 1, Integer::sum);
                        if (response.statusCode().value() == 201) {
                            long reservation = ((Number) body.get("id")).longValue();
                            for (Object seat : (List<?>) body.get("seats")) {
                                Long previous = ownerOfSeat.put(((Number) ((Map<?, ?>) seat).get("id")).longValue(), reservation);
                                if (previous != null) {
                                    synchronized (duplicates) {
                                        duplicates.add(previous);
                                    }
                                }
                            }
                        }
                        return body;
                    }));
            }, 256)
            .blockLast(Duration.ofMinutes(2));

        assertThat(statuses.keySet()).as("every answer is a hold or a clean conflict: %s", statuses).containsOnly(201, 409);
        assertThat(duplicates).as("no seat in two successful holds").isEmpty();
        assertThat(ownerOfSeat).hasSize(SEATS);
        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :id AND status = 'HELD'", event)).isEqualTo(SEATS);
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE event_id = :id", event))
            .as("failed holds left no reservation behind").isEqualTo(statuses.get(201).longValue());
        assertThat(count("""
                SELECT COUNT(*) FROM reservation_seat rs JOIN reservation r ON r.id = rs.reservation_id JOIN seat s ON s.id = rs.seat_id
                WHERE r.event_id = :id AND s.reservation_id = rs.reservation_id""", event))
            .as("each reservation owns exactly the seats it reports").isEqualTo(SEATS);
    }

    private long count(String sql, long event) {
        return db.sql(sql).bind("id", event).map(row -> row.get(0, Long.class)).one().block();
    }


    private final Map<Long, String> tokens = new HashMap<>();

    private synchronized String token(long userId) {
        return tokens.computeIfAbsent(userId, id -> TestTokens.access(jwt, id, "USER"));
    }
}
