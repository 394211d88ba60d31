package io.ticketing.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.web.reactive.function.client.WebClient;

import io.ticketing.SecondInstance;
import io.ticketing.testsupport.Invariants;
import io.ticketing.testsupport.TestBuyers;
import io.ticketing.testsupport.TestTokens;

/**
 * A rush of best-available holds spread over three instances of the service, each batching on its
 * own and racing the others for the same first free seats: contention may cost retries, never a
 * false answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeInstanceHoldTest extends ReservationTestSupport {

    private static final int HOLDS = 300;

    @Autowired
    Environment environment;

    @Autowired
    JwtEncoder jwt;

    List<ConfigurableApplicationContext> others;
    List<WebClient> instances;

    @BeforeAll
    void startTwoMoreInstances() {
        others = List.of(SecondInstance.start(environment, Map.of()), SecondInstance.start(environment, Map.of()));
        instances = List.of(WebClient.create("http://127.0.0.1:" + environment.getProperty("local.server.port")),
            WebClient.create(SecondInstance.baseUrl(others.get(0))), WebClient.create(SecondInstance.baseUrl(others.get(1))));
    }

    @AfterAll
    void stopThem() {
        others.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void withSeatsToSpareEveryHoldSucceeds() {
        long event = newEvent(20, 50);

        Map<String, Integer> answers = rush(event);

        assertThat(answers).containsExactly(Map.entry("201", HOLDS));
        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :id AND status = 'HELD'", event)).isEqualTo(2L * HOLDS);
    }

    @Test
    void withTooFewSeatsTheEventSellsOutExactlyAndEveryRefusalIsTrue() {
        long event = newEvent(4, 50);

        Map<String, Integer> answers = rush(event);

        assertThat(answers.keySet()).as("holds and true refusals only").isSubsetOf("201", "409 sold-out", "409 not-enough-seats");
        assertThat(answers).containsEntry("201", 100);
        assertThat(count("SELECT COUNT(*) FROM seat WHERE event_id = :id AND status = 'AVAILABLE'", event))
            .as("a refusal said sold out: nothing may be left").isZero();
        assertThat(Invariants.check(db, List.of(event)).violations()).allSatisfy((rule, rows) -> assertThat(rows).as(rule).isZero());
    }

    /** HOLDS buyers ask for the best 2 seats at once, spread over the three instances; answers by status and problem type. */
    private Map<String, Integer> rush(long event) {
        long[] buyers = TestBuyers.seed(db, unique("rush"), HOLDS);
        List<String> tokens = Arrays.stream(buyers).mapToObj(id -> TestTokens.access(jwt, id, "USER")).toList();
        List<String> grants = Arrays.stream(buyers).mapToObj(id -> passes.issuePass(id, event, clock.instant().plus(Duration.ofHours(1)))).toList();
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        Flux.range(0, HOLDS)
            .flatMap(i -> instances.get(i % 3).post().uri("/api/v1/events/{id}/reservations", event)
                .headers(h -> {
                    h.setBearerAuth(tokens.get(i));
                    h.set("Admission-Pass", grants.get(i));
                    h.set("Idempotency-Key", "rush-" + i);
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
                .exchangeToMono(response -> response.statusCode().value() == 201
                    ? response.releaseBody().thenReturn("201")
                    : response.bodyToMono(ProblemDetail.class).map(problem -> answer(response.statusCode().value(), problem)))
                .doOnNext(answer -> answers.merge(answer, 1, Integer::sum)), 96)
            .then().block(Duration.ofMinutes(2));
        return answers;
    }

    /** "409 sold-out"; a 5xx also says why, since several causes share its type. */
    private static String answer(int status, ProblemDetail problem) {
        String type = problem.getType().toString();
        return status + " " + type.substring(type.lastIndexOf(':') + 1) + (status >= 500 ? ": " + problem.getDetail() : "");
    }
}
