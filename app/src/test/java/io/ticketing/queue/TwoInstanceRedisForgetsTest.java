package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;

/**
 * Redis forgets a line that two instances serve (issue #26): whichever instance a waiter comes back
 * to puts them back, once, and ticks on either admit them in their original order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstanceRedisForgetsTest extends QueueTestSupport {

    @Autowired
    Environment environment;

    private ConfigurableApplicationContext second;

    @BeforeAll
    void startASecondInstance() {
        // Ticks only when the test says so, as this suite's own instance does (application-test.yml).
        second = SecondInstance.start(environment, Map.of());
    }

    @AfterAll
    void stopIt() {
        second.close();
    }

    @Test
    void pollsOnBothInstancesAtOncePutAPlaceBackOnce() {
        long event = newEvent(10, 10);
        enter(event, buyer());
        Buyer buyer = buyer();
        String ticket = streamTicket(enter(event, buyer));
        long original = lineTicket(event, buyer);
        forgetEverything();

        List<Long> positions = Flux.range(0, 8).parallel(8).runOn(Schedulers.boundedElastic())
            .map(i -> position(meOn(instance(i), event, buyer, ticket)))
            .sequential().collectList().block(Duration.ofSeconds(30));

        assertThat(positions).containsOnly(1L);
        assertPutBackOnce(event, buyer, original);
    }

    @Test
    void waitersRestoredOnAlternateInstancesAreAdmittedByEitherInTheirOrderEachOnce() {
        long event = newEvent(10, 10);
        configure(event, Map.of("admissionRatePerSecond", 1));
        List<Buyer> buyers = List.of(buyer(), buyer(), buyer(), buyer());
        List<String> tickets = buyers.stream().map(buyer -> streamTicket(enter(event, buyer))).toList();
        forgetEverything();

        for (int i = buyers.size() - 1; i >= 0; i--) {
            meOn(instance(i), event, buyers.get(i), tickets.get(i));
        }
        assertThat(buyers.stream().map(buyer -> position(status(event, buyer)))).containsExactly(1L, 2L, 3L, 4L);

        List<AdmissionTicker> tickers = List.of(ticker, second.getBean(AdmissionTicker.class));
        Room line = Room.publicLine(event);
        List<String> admitted = new ArrayList<>();
        // A bucket Redis forgot starts empty: the first tick admits nobody, each later one, a second on, one.
        for (int i = 0; i <= buyers.size() + 1; i++) {
            admitted.addAll(elapse(line, Duration.ofSeconds(1)).then(tickers.get(i % 2).tick(line)).block(Duration.ofSeconds(10)));
        }

        assertThat(admitted).containsExactlyElementsOf(buyers.stream().map(buyer -> Long.toString(buyer.id())).toList());
    }

    /** This suite's instance for even {@code i}, the second one for odd. */
    private WebTestClient instance(int i) {
        return i % 2 == 0 ? http : WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(second)).build();
    }

    private Map<?, ?> meOn(WebTestClient client, long eventId, Buyer buyer, String ticket) {
        return client.get().uri("/api/v1/events/{id}/queue/me?ticket={ticket}", eventId, ticket).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
