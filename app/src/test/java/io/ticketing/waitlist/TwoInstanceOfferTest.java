package io.ticketing.waitlist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import io.ticketing.SecondInstance;
import io.ticketing.testsupport.Invariants;

/** Two instances offering the same returned seats at once: each seat to one entry, each entry once, in the list's order. */
class TwoInstanceOfferTest extends OfferTestSupport {

    @Autowired
    Environment environment;

    @Test
    void sweepingOnBothInstancesAtOnceNeverOffersASeatTwice() {
        long event = newEvent(1, 40);
        // Ten buyers with room for one seat each, so that eight returned seats make eight offers.
        List<Buyer> listed = IntStream.range(0, 10).mapToObj(i -> buyer()).toList();
        listed.forEach(buyer -> held(buyer, event, Map.of("quantity", 3)));
        List<Returner> returners = List.of(returner(event, 4), returner(event, 4));
        sellTheRest(event);
        listed(event, listed.toArray(Buyer[]::new));
        returners.forEach(this::giveBack);
        try (ConfigurableApplicationContext other = SecondInstance.start(environment, Map.of())) {
            OfferSweep there = other.getBean(OfferSweep.class);

            Flux.just(offerSweep, there, offerSweep, there)
                .flatMap(sweep -> sweep.sweep().subscribeOn(Schedulers.parallel()))
                .then().block(Duration.ofSeconds(60));
        }

        List<Long> offeredSeats = new ArrayList<>();
        List<Boolean> offered = new ArrayList<>();
        for (Buyer buyer : listed) {
            Map<?, ?> offer = offer(event, buyer);
            offered.add(offer != null);
            if (offer != null) {
                offeredSeats.addAll(seatIdsOf(offer));
            }
        }
        assertThat(offered).as("the first eight in the list's order, each once").containsExactly(true, true, true, true, true, true, true, true, false, false);
        assertThat(offeredSeats).hasSize(8).doesNotHaveDuplicates();
        assertThat(count("SELECT COUNT(*) FROM reservation WHERE event_id = :id AND status = 'OFFERED'", event)).isEqualTo(8);
        assertThat(Invariants.check(sql, List.of(event)).violations()).allSatisfy((rule, rows) -> assertThat(rows).as(rule).isZero());
    }
}
