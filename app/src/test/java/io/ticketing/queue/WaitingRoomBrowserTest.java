package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.ticketing.testsupport.CuttableProxy;


/**
 * What the waiting room shows in the browser before sales open, when a sale sells out (and a seat
 * comes back to the waiting list), when the connection drops, and on a wrong password.
 */
class WaitingRoomBrowserTest extends BrowserTestSupport {

    @Autowired
    QueueProperties properties;

    @Test
    void buyerArrivingBeforeSalesOpenWaitsInThePreQueueUntilTheOpeningDrawsTheirPlace() throws IOException {
        long event = newEvent(clock.instant().plus(Duration.ofMinutes(1)), 1, 5);

        signUpAndJoin(event);

        browser.waitForView("queue");
        browser.waitUntil("the pre-queue notice", d -> browser.byId("prequeue").isDisplayed());
        assertThat(browser.text("position")).isEqualTo("–");
        assertThat(browser.text("eta")).isEqualTo("when sales open");
        assertThat(browser.text("queue-status")).startsWith("You are in the pre-queue. Sales open ").endsWith("; your place is drawn then.");
        browser.screenshot("pre-queue-01-before-opening");

        salesOpenNow(event);
        tickAfter(event, Duration.ZERO);
        browser.waitUntil("a place drawn at the opening", d -> browser.text("position").equals("1"));
        assertThat(browser.byId("prequeue").isDisplayed()).isFalse();
        browser.screenshot("pre-queue-02-place-drawn");
    }

    @Test
    void buyerArrivingAfterTheLastSeatSoldIsToldItIsSoldOut() throws IOException {
        long event = newEvent(1, 2);
        sellOut(event);

        signUpAndJoin(event);

        showsSoldOut("sold-out-01-on-arrival");
    }

    @Test
    void waitingBuyerIsToldTheMomentTheLastSeatSells() throws IOException {
        long event = newEvent(1, 2);
        signUpAndJoin(event);
        browser.waitUntil("the buyer's place, 1st", d -> browser.text("position").equals("1"));

        sellOut(event);

        showsSoldOut("sold-out-02-while-waiting");
    }

    @Test
    void aBuyerInLineJoinsTheWaitingListWhenTheLastSeatSells() throws IOException {
        long event = newEvent(1, 2);

        joinTheWaitingListAtTheSellOut(event);

        String token = browser.script("return sessionStorage.getItem('ticketing.token')");
        http.get().uri("/api/v1/events/{id}/waiting-list", event).header("Authorization", bearer(token))
            .exchange().expectStatus().isOk().expectBody().jsonPath("$.position").isEqualTo(1);
        browser.screenshot("waiting-list-02-joined");
    }

    @Test
    void aBuyerOnTheWaitingListIsOfferedAReturnedSeatAndTakesIt() throws IOException {
        long event = newEvent(1, 2);
        joinTheWaitingListAtTheSellOut(event);

        offerAReturnedSeat(event);

        browser.waitUntil("the offer, pushed on the stream", d -> browser.text("waitlist-status").startsWith("A seat came back for you. Take it before "));
        browser.screenshot("waiting-list-04-offered");
        browser.byId("waitlist-take").click();
        browser.waitForView("hold");
        assertThat(browser.text("held-seats")).isEqualTo("A, row 1, seat 1");
        browser.screenshot("waiting-list-05-offer-taken");
    }

    @Test
    void aBuyerOnTheWaitingListWhoseStreamEndedLearnsOfAnOfferByReadingTheList() throws IOException {
        long event = newEvent(1, 2);
        joinTheWaitingListAtTheSellOut(event);
        String streams = new QueueKeys(redisKeys, event).streams(signedInBuyer().id());
        clock.advance(properties.soldOutLinger().minusMinutes(1));
        // The heartbeat past the stream ticket's half-life sends the page a fresh stream URL, one that would open
        // a stream again; two signs of life after the move, it has been sent.
        awaitHeartbeats(streams, 2);

        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams(streams) == 0);
        offerAReturnedSeat(event);

        // Read at the page's next look at the list, every 15 s: longer than a usual wait.
        browser.waitUntil("the offer, read from the list", Duration.ofSeconds(30),
            d -> browser.text("waitlist-status").startsWith("A seat came back for you. Take it before "));
        assertThat(browser.text("offer-countdown")).matches("[12]:\\d\\d");
        assertThat(openStreams(streams)).as("streams the page opened again").isZero();
        browser.screenshot("waiting-list-06-offered-after-the-stream");
    }

    @Test
    void aBuyerWhoArrivesAfterTheSellOutIsToldWhyTheListIsClosedToThem() throws IOException {
        long event = newEvent(1, 2);
        sellOut(event);
        signUpAndJoin(event);
        showsSoldOut("waiting-list-03-arrived-late");

        browser.byId("waitlist-join").click();

        String said = browser.waitUntil("an alert", d -> browser.byId("alert").isDisplayed() ? browser.text("alert") : null);
        assertThat(said).contains("not in the line");
    }

    @Test
    void droppedConnectionIsShownAndTheStreamResumesThePlace() throws IOException {
        long event = newEvent(1, 5);
        configure(event, Map.of("admissionRatePerSecond", 1));
        Buyer first = buyer();
        enter(event, first);

        try (CuttableProxy network = new CuttableProxy("127.0.0.1", browser.servicePort())) {
            signUpAndJoin(network.port(), event);
            browser.waitUntil("the buyer's place, 2nd", d -> browser.text("position").equals("2"));

            network.cut();
            browser.waitUntil("the page to say the connection dropped",
                d -> browser.text("queue-status").startsWith("Connection lost. Reconnecting, you keep your place"));
            browser.screenshot("reconnect-01-connection-lost");

            network.restore();
            tickAfter(event, Duration.ZERO);
            stillThere(event, List.of(first));
            assertThat(tickAfter(event, Duration.ofSeconds(1))).containsExactly(Long.toString(first.id()));
            browser.waitUntil("the resumed stream to move the buyer up to 1st", d -> browser.text("position").equals("1"));
            assertThat(browser.text("queue-status")).isEqualTo("You are next. Stay on this page.");
            browser.screenshot("reconnect-02-back-in-line");
        }
    }

    @Test
    void waitingBuyerReadsTheOperatorsMessageAsItChanges() throws IOException {
        long event = newEvent(1, 5);
        signUpAndJoin(event);
        browser.waitUntil("the buyer's place, 1st", d -> browser.text("position").equals("1"));
        assertThat(browser.byId("operator-message").isDisplayed()).isFalse();

        configure(event, Map.of("message", "Seats in the upper tier go on sale at 20:00."));
        browser.waitUntil("the operator's message", d -> browser.text("operator-message").equals("Seats in the upper tier go on sale at 20:00."));
        assertThat(pageFitsTheScreen()).isTrue();
        browser.screenshot("message-01-while-waiting");

        configure(event, Map.of("message", ""));
        browser.waitUntil("the message gone once cleared", d -> !browser.byId("operator-message").isDisplayed());
    }

    @Test
    void buyerArrivingWhileTheSaleIsClosedIsToldWhyInTheOperatorsWords() throws IOException {
        long event = newEvent(1, 5);
        configure(event, Map.of("mode", "CLOSED", "message", "The sale reopens tomorrow at 10:00."));

        signUpAndJoin(event);

        browser.waitForView("ended");
        assertThat(browser.text("ended-title")).isEqualTo("The line is closed");
        assertThat(browser.text("operator-message")).isEqualTo("The sale reopens tomorrow at 10:00.");
        browser.screenshot("message-02-closed");
    }

    @Test
    void wrongPasswordIsExplainedInWords() throws IOException {
        long event = newEvent(1, 2);
        browser.open("/waiting-room.html?event=" + event);
        browser.waitForView("signin");
        browser.type("email", "nobody-" + unique("x") + "@example.com");
        browser.type("password", "not-the-password");
        browser.byId("signin-button").click();

        String said = browser.waitUntil("an alert", d -> browser.byId("alert").isDisplayed() ? browser.text("alert") : null);
        assertThat(said).isNotBlank().doesNotContain("401", "{", "Unauthorized");
        assertThat(browser.byId("view-signin").isDisplayed()).isTrue();
        browser.screenshot("error-01-wrong-password");
    }

    /** The browser's buyer waits in line, sees the sale sell out and joins its waiting list, 1st. */
    private void joinTheWaitingListAtTheSellOut(long event) throws IOException {
        signUpAndJoin(event);
        browser.waitUntil("the buyer's place, 1st", d -> browser.text("position").equals("1"));
        sellOut(event);
        showsSoldOut("waiting-list-01-offered");

        browser.byId("waitlist-join").click();

        browser.waitUntil("the buyer's place on the waiting list", d -> browser.text("waitlist-status").equals("You are number 1 on the waiting list."));
    }

    private void awaitHeartbeats(String slots, int count) {
        for (int i = 0; i < count; i++) {
            double before = lastSignOfLife(slots);
            await().atMost(Duration.ofSeconds(10)).until(() -> lastSignOfLife(slots) > before);
        }
    }

    /** The buyer's streams open now, over all instances, as their slots in Redis count them. */
    private long openStreams(String slots) {
        return redis.opsForZSet().size(slots).block();
    }

    private void showsSoldOut(String screenshot) throws IOException {
        browser.waitForView("ended");
        assertThat(browser.text("ended-title")).isEqualTo("Sold out");
        assertThat(browser.text("ended-detail")).isEqualTo("Every ticket has been sold. Thank you for waiting.");
        browser.screenshot(screenshot);
    }
}
