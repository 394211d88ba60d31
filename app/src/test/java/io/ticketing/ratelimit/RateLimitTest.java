package io.ticketing.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.IntegrationTest;
import io.ticketing.SecondInstance;
import io.ticketing.queue.AdmissionPasses;

@TestPropertySource(properties = {
    "ticketing.rate-limits.exempt-client-ips=",
    "ticketing.rate-limits.window=1h",
    "ticketing.rate-limits.queue-entry-per-user=2",
    "ticketing.rate-limits.queue-entry-per-ip=4",
    "ticketing.rate-limits.holds-per-ip=3"})
class RateLimitTest extends IntegrationTest {

    @Autowired
    AdmissionPasses passes;

    @Autowired
    Environment environment;

    @Test
    void entryOverTheUserLimitIsRefusedWithRetryAfter() {
        long event = newEvent(1, 10);
        String token = newUserToken();

        assertThat(enter(token, event).getStatus().value()).isEqualTo(200);
        assertThat(enter(token, event).getStatus().value()).isEqualTo(200);
        EntityExchangeResult<Map> third = enter(token, event);

        assertThat(third.getStatus().value()).isEqualTo(429);
        assertThat(third.getResponseBody()).containsEntry("type", "urn:ticketing:problem:rate-limited");
        assertThat(Long.parseLong(third.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 3600L);
    }

    @Test
    void oneUsersLimitLeavesOthersAlone() {
        long event = newEvent(1, 10);
        String greedy = newUserToken();
        for (int i = 0; i < 3; i++) {
            enter(greedy, event);
        }

        assertThat(enter(newUserToken(), event).getStatus().value()).isEqualTo(200);
    }

    @Test
    void entriesFromOneAddressAreLimitedAcrossAccounts() {
        long event = newEvent(1, 10);
        int[] statuses = new int[5];
        for (int i = 0; i < 5; i++) {
            statuses[i] = enter(newUserToken(), event).getStatus().value();
        }

        assertThat(statuses).containsExactly(200, 200, 200, 200, 429);
    }

    @Test
    void anEntryLimitCountsEntriesIntoOneEventsRoom() {
        long busy = newEvent(1, 10);
        long other = newEvent(1, 10);
        String token = newUserToken();
        enter(token, busy);
        enter(token, busy);

        assertThat(enter(token, busy).getStatus().value()).isEqualTo(429);
        assertThat(enter(token, other).getStatus().value()).isEqualTo(200);
    }

    @Test
    void holdsFromOneAddressAreLimitedAcrossAccounts() {
        long event = newEvent(1, 20);
        int[] statuses = new int[4];
        for (int i = 0; i < 4; i++) {
            statuses[i] = holdOne(newUserToken(), event);
        }

        assertThat(statuses).containsExactly(201, 201, 201, 429);
    }

    @Test
    void aHoldLimitCountsHoldsOfOneEvent() {
        long busy = newEvent(1, 20);
        long other = newEvent(1, 20);
        for (int i = 0; i < 3; i++) {
            holdOne(newUserToken(), busy);
        }

        assertThat(holdOne(newUserToken(), busy)).isEqualTo(429);
        assertThat(holdOne(newUserToken(), other)).isEqualTo(201);
    }

    private int holdOne(String token, long event) {
        String pass = passes.issuePass(userId(token), event, clock.instant().plus(Duration.ofMinutes(5)));
        return http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(token))
            .header("Admission-Pass", pass).header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 1))
            .exchange().returnResult(Void.class).getStatus().value();
    }

    @Test
    void aUsersLimitIsSharedByEveryInstance() {
        long event = newEvent(1, 10);
        String token = newUserToken();
        try (ConfigurableApplicationContext instance = SecondInstance.start(environment, Map.of(
            "ticketing.rate-limits.window", "1h",
            "ticketing.rate-limits.queue-entry-per-user", "2"))) {
            WebTestClient other = WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(instance)).build();
            assertThat(enter(http, token, event).getStatus().value()).isEqualTo(200);
            assertThat(enter(other, token, event).getStatus().value()).isEqualTo(200);

            assertThat(enter(other, token, event).getStatus().value()).isEqualTo(429);
            assertThat(enter(http, token, event).getStatus().value()).isEqualTo(429);
        }
    }

    private EntityExchangeResult<Map> enter(String token, long event) {
        return enter(http, token, event);
    }

    private static EntityExchangeResult<Map> enter(WebTestClient client, String token, long event) {
        return client.post().uri("/api/v1/events/{id}/queue", event).header("Authorization", bearer(token))
            .exchange().expectBody(Map.class).returnResult();
    }
}
