package io.ticketing.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.IntegrationTest;

abstract class QueueTestSupport extends IntegrationTest {

    @Autowired
    AdmissionTicker ticker;

    @Autowired
    ReactiveStringRedisTemplate redis;


    Map<?, ?> enter(long eventId, Buyer buyer) {
        return http.post().uri("/api/v1/events/{id}/queue", eventId).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    WebTestClient.ResponseSpec me(long eventId, Buyer buyer) {
        return http.get().uri("/api/v1/events/{id}/queue/me", eventId).header("Authorization", bearer(buyer.token())).exchange();
    }

    Map<?, ?> status(long eventId, Buyer buyer) {
        return me(eventId, buyer).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    void configure(long eventId, Map<String, Object> settings) {
        http.put().uri("/api/v1/admin/events/{id}/queue", eventId).header("Authorization", bearer(adminToken()))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(settings)
            .exchange().expectStatus().isOk()
            .expectBody();
    }

    Map<?, ?> stats(long eventId) {
        return http.get().uri("/api/v1/admin/events/{id}/queue", eventId).header("Authorization", bearer(adminToken()))
            .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    /** Moves the test clock, then runs one admission tick; answers who got in. */
    List<String> tickAfter(long eventId, Duration elapsed) {
        clock.advance(elapsed);
        return ticker.tick(eventId).block();
    }

    /** Forgets the cached event detail, so that seat changes made behind the API's back are seen at once. */
    void forgetCachedEvent(long eventId) {
        redis.delete("{event:" + eventId + "}:detail").block();
    }

    static long position(Map<?, ?> snapshot) {
        return ((Number) snapshot.get("position")).longValue();
    }
}
