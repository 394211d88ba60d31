package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import io.ticketing.Chromium;
import io.ticketing.config.PeriodicTask;

/**
 * The buyer's page in a real browser against the running service. Each step is saved as a
 * screenshot in {@code target/screenshots/}. Admission ticks are the tests' own (on the test
 * clock), so a buyer watches others being let in ahead of them one tick at a time.
 */
abstract class BrowserTestSupport extends QueueTestSupport {

    @RegisterExtension
    final Chromium browser;

    /** The waiting list's sweep, package-private there. */
    @Autowired
    @Qualifier("offerSweep")
    PeriodicTask offerSweep;

    /** A mid-sized phone: the buyer's page must read at that width without sideways scrolling. */
    BrowserTestSupport() {
        this(412, 915);
    }

    /** A screen of another size: the operator's console is read on a desktop or a tablet. */
    BrowserTestSupport(int width, int height) {
        browser = new Chromium(width, height);
    }

    @AfterEach
    void pageRaisedNoScriptErrors() {
        // Failed requests (a 401, a 409) are the API answering; an uncaught exception in the page is a bug.
        List<String> errors = browser.console().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .map(LogEntry::getMessage)
            .filter(message -> !message.contains("Failed to load resource"))
            .toList();
        assertThat(errors).as("script errors in the page").isEmpty();
    }

    void signUpAndJoin(long event) {
        signUpAndJoin(browser.servicePort(), event);
    }

    void signUpAndJoin(int port, long event) {
        openSignIn(port, event);
        signUpAndJoin();
    }

    void openSignIn(int port, long event) {
        browser.open(port, "/waiting-room.html?event=" + event);
        browser.waitForView("signin");
    }

    /** Signs a fresh buyer up on the sign-in view the page shows, which joins the line. */
    void signUpAndJoin() {
        browser.byId("signup-toggle").click();
        browser.type("email", unique("browser") + "@example.com");
        browser.type("password", "a-long-password");
        browser.byId("signin-button").click();
    }

    /** Lets in the browser's buyer, alone in line: one tick starts the event's admissions, the next, a second later, admits. */
    void admitTheOnlyWaiter(long event) {
        admitTheOnlyWaiter(Room.publicLine(event));
    }

    /** {@link #admitTheOnlyWaiter(long)} from one line of the event: a presale lane's, say. */
    void admitTheOnlyWaiter(Room line) {
        browser.waitUntil("the buyer's place, 1st", d -> browser.text("position").equals("1"));
        tick(line, Duration.ZERO).block();
        assertThat(tick(line, Duration.ofSeconds(1)).block()).hasSize(1);
        browser.waitForView("seats");
    }

    /** The buyer the page has signed in, by the token it keeps for the tab. */
    Buyer signedInBuyer() {
        return buyerOf(browser.script("return sessionStorage.getItem('ticketing.token')"));
    }

    /** Waits for the seat map to offer {@code count} seats; answers them in the map's order. */
    List<WebElement> availableSeats(int count) {
        return browser.waitUntil("a seat map of " + count + " available seats", d -> {
            List<WebElement> available = browser.all("#seat-map button.seat.available");
            return available.size() == count ? available : null;
        });
    }

    /** A waiter who neither streams nor polls is skipped as gone; the buyers ahead poll, as a client would. */
    void stillThere(long event, List<Buyer> buyers) {
        buyers.forEach(buyer -> me(event, buyer).expectStatus().isOk().expectBody());
    }

    /** Every seat of the event sold, behind the API's back. */
    void sellOut(long event) {
        sellSeats(event, "TRUE").block();
        forgetCachedEvent(event);
    }

    /** The buyer, in the event's line when it sold out, joins its waiting list through the API. */
    void joinWaitingList(long event, Buyer buyer) {
        http.post().uri("/api/v1/events/{id}/waiting-list", event).header("Authorization", bearer(buyer.token()))
            .exchange().expectStatus().isCreated().expectBody();
    }

    /** A seat comes back, as a lane's returned quota does (free, and public again), and the waiting list's sweep offers it. */
    void offerAReturnedSeat(long event) {
        sql.sql("UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL WHERE event_id = :e ORDER BY id LIMIT 1").bind("e", event).then().block();
        offerSweep.runNow().block();
    }

    boolean pageFitsTheScreen() {
        return browser.<Boolean>script("return document.documentElement.scrollWidth <= window.innerWidth");
    }
}
