package io.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import io.ticketing.IntegrationTest;

/** No proxy is trusted (the default) and loopback is not exempt, so the test client's own address is counted. */
@TestPropertySource(properties = {
    "ticketing.rate-limits.exempt-client-ips=",
    "ticketing.rate-limits.window=1h",
    "ticketing.rate-limits.sign-up-per-ip=2"})
class UntrustedForwardedForTest extends IntegrationTest {

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() {
        int[] statuses = new int[3];
        for (int i = 0; i < 3; i++) {
            statuses[i] = http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", "203.0.113." + (i + 1))
                .bodyValue(Map.of("email", unique("spoof") + "@example.com", "name", "Someone", "password", "password-123"))
                .exchange().expectBody().returnResult().getStatus().value();
        }

        assertThat(statuses).containsExactly(201, 201, 429);
    }
}
