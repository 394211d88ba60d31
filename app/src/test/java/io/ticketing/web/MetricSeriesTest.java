package io.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import io.ticketing.IntegrationTest;

/**
 * Every tag of every meter takes its value from a closed set: a meter is kept for the life of the
 * instance and scraped every time (a timer with its histogram is dozens of series), so a tag that
 * carried anything of the request would let any client, without signing in, grow the heap and the
 * scrape until both fail.
 */
class MetricSeriesTest extends IntegrationTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void inventedMethodsPathsAndProblemsMakeNoNewSeries() {
        long event = newEvent(1, 1);
        String token = newUserToken();
        IntConsumer[] requests = {
            i -> http.method(HttpMethod.valueOf("Z" + i)).uri("/api/v1/events").exchange().expectBody(),
            i -> http.method(HttpMethod.valueOf("Z" + i)).uri("/nope/" + i).header("Authorization", bearer(token)).exchange().expectBody(),
            i -> http.get().uri("/nope/{id}", UUID.randomUUID()).exchange().expectBody(),
            i -> http.get().uri("/api/v1/events/{random}/whatever", random()).exchange().expectBody(),
            i -> http.get().uri("/api/v1/events/{random}/whatever", random()).header("Authorization", bearer(token)).exchange().expectBody(),
            i -> http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"email\": " + i).exchange().expectBody(),
            i -> http.get().uri("/api/v1/events/{id}", Long.MAX_VALUE - i).exchange().expectBody(),
            i -> http.get().uri("/api/v1/events/{id}", "abc" + i).exchange().expectBody(),
            i -> http.post().uri("/api/v1/events/{id}/reservations", Long.MAX_VALUE - i).header("Authorization", bearer(token))
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Admission-Pass", "forged-" + i).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("seatIds", List.of(i))).exchange().expectBody(),
            i -> http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(token))
                .header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"seatIds\": [" + i).exchange().expectBody(),
            i -> http.post().uri("/api/v1/reservations/{id}/confirm", Long.MAX_VALUE - i).header("Authorization", bearer(token))
                .header("Idempotency-Key", UUID.randomUUID().toString()).exchange().expectBody(),
        };
        // One of each kind first: the series they make are the closed set's, made once.
        for (IntConsumer request : requests) {
            request.accept(0);
        }
        Set<String> before = series();

        // About 2,000 invented methods, 2,000 invented paths and 1,000 problems, on a few clients at once.
        Flux.range(1, 1_000).parallel(8).runOn(Schedulers.boundedElastic()).doOnNext(i -> {
            requests[0].accept(i);
            requests[1].accept(i);
            requests[2 + i % 3].accept(i);
            requests[2 + (i + 1) % 3].accept(i);
            requests[5 + i % 6].accept(i);
        }).sequential().blockLast(Duration.ofMinutes(1));

        assertThat(series()).containsExactlyInAnyOrderElementsOf(before);
    }

    /**
     * Every meter's name and tags, but the JVM's collectors' (their causes appear as the JVM first
     * meets them) and the per-event queue gauges, which follow the events with an open line in Redis
     * (only events an admin created, QueueMetrics) and come and go with the other tests' events.
     */
    private Set<String> series() {
        Set<String> series = new TreeSet<>();
        for (Meter meter : meters.getMeters()) {
            if (!meter.getId().getName().startsWith("jvm.gc") && meter.getId().getTag("event") == null) {
                series.add(meter.getId().getName() + meter.getId().getTags());
            }
        }
        return series;
    }

    private static String random() {
        return Long.toString(ThreadLocalRandom.current().nextLong(), 36);
    }
}
