package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.ticketing.SecondInstance;

/** A pass that ends: when its holder leaves the line, and once they have bought their whole share, on every instance. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassEndTest extends QueueTestSupport {

    @Autowired
    Environment environment;

    ConfigurableApplicationContext other;

    @BeforeAll
    void startAnotherInstance() {
        other = SecondInstance.start(environment, Map.of());
    }

    @AfterAll
    void stopAnotherInstance() {
        other.close();
    }

    @Test
    void passEndsWhenItsHolderLeavesTheLine() {
        long event = newEvent(1, 10);
        Buyer buyer = buyer();
        String pass = admittedPass(event, buyer);

        leave(event, buyer);

        refused(hold(http, event, buyer, pass, 1));
    }

    @Test
    void passEndsOnEveryInstanceAtOnce() {
        long event = newEvent(1, 10);
        Buyer buyer = buyer();
        String pass = admittedPass(event, buyer);

        leave(event, buyer);

        refused(hold(otherInstance(), event, buyer, pass, 1));
    }

    @Test
    void passKeepsWorkingAfterBuyingPartOfTheShare() {
        long event = newEvent(1, 10);
        Buyer buyer = buyer();
        String pass = admittedPass(event, buyer);
        buy(event, buyer, pass, 2);

        hold(http, event, buyer, pass, 2).expectStatus().isCreated().expectBody();
    }

    @Test
    void passEndsOnceTheWholeShareIsBought() {
        long event = newEvent(1, 10);
        Buyer buyer = buyer();
        String pass = admittedPass(event, buyer);
        buy(event, buyer, pass, 4);

        refused(hold(otherInstance(), event, buyer, pass, 1));
    }

    @Test
    void admissionAfterLeavingGivesAWorkingPass() {
        long event = newEvent(1, 10);
        Buyer buyer = buyer();
        admittedPass(event, buyer);
        leave(event, buyer);

        String again = admittedPass(event, buyer);

        hold(http, event, buyer, again, 1).expectStatus().isCreated().expectBody();
    }

    private String admittedPass(long event, Buyer buyer) {
        enter(event, buyer);
        tickAfter(event, Duration.ZERO); // a new event's bucket starts filling
        tickAfter(event, Duration.ofSeconds(1));
        Map<?, ?> status = status(event, buyer);
        assertThat(status.get("state")).isEqualTo("ADMITTED");
        return (String) status.get("pass");
    }

    private void leave(long event, Buyer buyer) {
        http.delete().uri("/api/v1/events/{id}/queue/me", event).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isNoContent().expectBody();
    }

    private void buy(long event, Buyer buyer, String pass, int seats) {
        Map<?, ?> held = hold(http, event, buyer, pass, seats).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        http.post().uri("/api/v1/reservations/{id}/confirm", held.get("id")).header("Authorization", bearer(buyer.token()))
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .exchange().expectStatus().isOk().expectBody();
    }

    private WebTestClient.ResponseSpec hold(WebTestClient client, long event, Buyer buyer, String pass, int seats) {
        return client.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass).header("Idempotency-Key", UUID.randomUUID().toString())
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", seats))
            .exchange();
    }

    private static void refused(WebTestClient.ResponseSpec hold) {
        hold.expectStatus().isForbidden()
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:admission-required")
            .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("has ended"));
    }

    private WebTestClient otherInstance() {
        return WebTestClient.bindToServer().baseUrl(SecondInstance.baseUrl(other)).build();
    }
}
