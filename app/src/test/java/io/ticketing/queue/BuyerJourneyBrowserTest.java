package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

/** A buyer's whole sale in the browser, from signing up to holding the tickets; a seat lost to a quicker buyer; a hold run out. */
class BuyerJourneyBrowserTest extends BrowserTestSupport {

    @Autowired
    DatabaseClient db;

    @Autowired
    AdmissionPasses passes;

    @Value("${ticketing.reservations.hold-ttl:5m}")
    Duration holdTtl;

    @Value("${ticketing.reservations.max-seats:4}")
    int maxSeats;

    @Test
    void buyerWatchesTheLineMoveIsAdmittedHoldsTwoSeatsAndBuysThem() throws IOException {
        clock.advance(Duration.ofMinutes(1)); // the buyer's phone runs a minute behind the service
        long event = newEvent(2, 6);
        configure(event, Map.of("admissionRatePerSecond", 2));
        List<Buyer> ahead = List.of(buyer(), buyer(), buyer());
        ahead.forEach(buyer -> enter(event, buyer));

        browser.open("/waiting-room.html?event=" + event);
        browser.waitForView("signin");
        browser.byId("signup-toggle").click();
        assertThat(browser.text("signin-title")).isEqualTo("Create an account to join the line");
        String email = unique("browser") + "@example.com";
        browser.type("name", "Ada Buyer");
        browser.type("email", email);
        browser.type("password", "a-long-password");
        browser.screenshot("journey-01-sign-up");
        browser.byId("signin-button").click();

        browser.waitForView("queue");
        browser.waitUntil("the buyer's place, 4th", d -> browser.text("position").equals("4"));
        assertThat(browser.text("ahead")).isEqualTo("3");
        assertThat(browser.text("queue-status")).isEqualTo("You are number 4 in line, 3 ahead of you.");
        assertThat(pageFitsTheScreen()).isTrue();
        browser.screenshot("journey-02-in-line");

        tickAfter(event, Duration.ZERO);
        stillThere(event, ahead);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).hasSize(2);
        browser.waitUntil("the place to move up to 2nd", d -> browser.text("position").equals("2"));
        assertThat(browser.text("ahead")).isEqualTo("1");
        assertThat(browser.byId("progress").getDomAttribute("aria-valuenow")).isEqualTo("67");
        browser.screenshot("journey-03-moving-up");

        // Those let in first are shopping: one has bought two seats, the other is holding two.
        confirm(ahead.get(0), hold(event, ahead.get(0), 2));
        hold(event, ahead.get(1), 2);

        stillThere(event, ahead.subList(2, 3));
        assertThat(tickAfter(event, Duration.ofSeconds(1)))
            .containsExactly(Long.toString(ahead.get(2).id()), Long.toString(accountId(email)));
        browser.waitForView("seats");
        List<WebElement> seats = availableSeats(8);
        assertThat(browser.all("#seat-map button.seat.sold")).hasSize(2).allMatch(seat -> !seat.isEnabled());
        assertThat(browser.all("#seat-map button.seat.held")).hasSize(2).allMatch(seat -> !seat.isEnabled());
        assertThat(browser.text("max-seats")).isEqualTo(Integer.toString(maxSeats));
        assertThat(browser.all("#quantity option")).hasSize(maxSeats);
        assertThat(pageFitsTheScreen()).isTrue();
        browser.screenshot("journey-04-admitted-seat-map");

        WebElement first = seats.get(0);
        WebElement second = seats.get(1);
        List<String> chosen = List.of(label(first), label(second));
        first.click();
        second.sendKeys(Keys.ENTER); // a keyboard user chooses the same way
        assertThat(first.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(second.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.text("selection")).isEqualTo("2 seats chosen.");
        browser.screenshot("journey-05-two-seats-chosen");

        browser.byId("hold-button").click();
        browser.waitForView("hold");
        assertThat(browser.all("#held-seats li")).hasSize(2);
        String[] countdown = browser.text("countdown").split(":");
        long secondsLeft = Long.parseLong(countdown[0]) * 60 + Long.parseLong(countdown[1]);
        assertThat(secondsLeft).as("the countdown, in the service's time").isBetween(holdTtl.toSeconds() - 5, holdTtl.toSeconds());
        browser.screenshot("journey-06-seats-held");

        browser.byId("confirm-button").click();
        browser.waitForView("done");
        assertThat(browser.all("#bought-seats li")).extracting(WebElement::getText)
            .containsExactlyElementsOf(chosen);
        browser.screenshot("journey-07-confirmed");

        long reservation = Long.parseLong(browser.text("reservation-id").substring(1));
        assertThat(soldSeats(reservation)).containsExactlyInAnyOrder(
            Long.valueOf(first.getDomAttribute("data-seat-id")), Long.valueOf(second.getDomAttribute("data-seat-id")));
        assertThat(reservationOwner(reservation)).isEqualTo(accountId(email));
    }

    @Test
    void seatTakenWhileChoosingIsExplainedAndTheMapRedrawn() throws IOException {
        long event = admittedToAFourSeatEvent();
        List<WebElement> seats = availableSeats(4);
        seats.get(0).click();
        seats.get(1).click();
        long contested = Long.parseLong(seats.get(1).getDomAttribute("data-seat-id"));

        Buyer quicker = buyer();
        http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(quicker.token()))
            .header("Admission-Pass", passes.issuePass(quicker.id(), event, clock.instant().plus(Duration.ofMinutes(10))))
            .header("Idempotency-Key", unique("hold"))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("seatIds", List.of(contested)))
            .exchange().expectStatus().isCreated()
            .expectBody();
        browser.byId("hold-button").click();

        browser.waitUntil("the alert", d -> browser.byId("alert").isDisplayed());
        assertThat(browser.text("alert")).startsWith("Someone else has just taken one of those seats.");
        browser.waitUntil("the map to show the seat as held",
            d -> browser.all("#seat-map button.seat.held[data-seat-id='" + contested + "']").size() == 1);
        assertThat(browser.all("#seat-map button.seat.available")).hasSize(3);
        assertThat(browser.text("selection")).isEqualTo("No seats chosen yet.");
        browser.screenshot("seat-taken-01-choose-again");
    }

    @Test
    void buyingAfterTheHoldRanOutIsExplainedAndTheSeatsAreOfferedAgain() throws IOException {
        admittedToAFourSeatEvent();
        availableSeats(4).get(0).click();
        browser.byId("hold-button").click();
        browser.waitForView("hold");

        clock.advance(holdTtl.plusSeconds(1)); // the buyer looked away
        browser.byId("confirm-button").click();

        browser.waitForView("seats");
        assertThat(browser.text("alert")).isEqualTo("The hold has expired; its seats are back on sale. You can choose again.");
        availableSeats(4);
        browser.screenshot("hold-expired-01-choose-again");
    }

    /** A new event of four seats whose only waiter, the browser's buyer, is let in; answers the event. */
    private long admittedToAFourSeatEvent() {
        long event = newEvent(1, 4);
        configure(event, Map.of("admissionRatePerSecond", 1));
        signUpAndJoin(event);
        admitTheOnlyWaiter(event);
        return event;
    }

    private Map<?, ?> hold(long event, Buyer buyer, int quantity) {
        String pass = (String) status(event, buyer).get("pass");
        return http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass).header("Idempotency-Key", unique("hold"))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", quantity))
            .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
    }

    private void confirm(Buyer buyer, Map<?, ?> reservation) {
        http.post().uri("/api/v1/reservations/{id}/confirm", reservation.get("id")).header("Authorization", bearer(buyer.token()))
            .header("Idempotency-Key", unique("confirm"))
            .exchange().expectStatus().isOk()
            .expectBody();
    }

    /** "A, row 1, seat 3 (available)" names the seat "A, row 1, seat 3", as the page lists it once held. */
    private static String label(WebElement seat) {
        return seat.getDomAttribute("title").replace(" (available)", "");
    }

    private long accountId(String email) {
        return db.sql("SELECT id FROM app_user WHERE email = :email").bind("email", email)
            .map(row -> row.get("id", Long.class)).one().block();
    }

    private long reservationOwner(long reservation) {
        return db.sql("SELECT user_id FROM reservation WHERE id = :id AND status = 'CONFIRMED'").bind("id", reservation)
            .map(row -> row.get("user_id", Long.class)).one().block();
    }

    private List<Long> soldSeats(long reservation) {
        return db.sql("SELECT id FROM seat WHERE reservation_id = :id AND status = 'SOLD'").bind("id", reservation)
            .map(row -> row.get("id", Long.class)).all().collectList().block();
    }
}
