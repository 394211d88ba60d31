package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * The buyer's page with a presale's access code, in a real browser: typed into the sign-in form or
 * brought by a link, it enters the presale lane's own line; refused, it is explained in the
 * problem's words and the buyer fixes it or joins the public line.
 */
class LaneBrowserTest extends BrowserTestSupport {

    private static final String WRONG_CODE = "NOT-THE-CODE";

    /** Shared codes are unique across lanes, and the tests share a database. */
    private final String code = unique("FAN");

    @Autowired
    AdmissionPasses passes;

    @Test
    void aFanWhoTypesTheirCodeWaitsInTheLanesLineAndReachesTheSeatMapWithTheLanesPass() throws IOException {
        long event = newEvent(1, 20);
        Room lane = new Room(event, presaleLane(event, 5, code));

        signUpWithCode(event, code);

        browser.waitForView("queue");
        assertThat(browser.text("line-name")).isEqualTo("Presale: Fan club");
        browser.screenshot("lane-01-in-the-lanes-line");
        admitTheOnlyWaiter(lane);
        browser.waitUntil("the seat map", d -> !browser.all("#seat-map button.seat.available").isEmpty());
        assertThat(browser.all("#seat-map button.seat.available")).as("the lane's seats").hasSize(5);
        assertThat(browser.all("#seat-map button.seat.elsewhere")).as("the public sale's").hasSize(15);
        String pass = browser.script("return state.pass");
        assertThat(passes.currentPass(pass, signedInBuyer().id(), event).room()).isEqualTo(lane);
        browser.screenshot("lane-02-seat-map");
    }

    @Test
    void aPublicBuyerSeesTheLanesSeatsAsNotTheirsToChoose() {
        long event = newEvent(1, 20);
        presaleLane(event, 5, code);

        signUpAndJoin(event);
        browser.waitForView("queue");
        admitTheOnlyWaiter(event);

        browser.waitUntil("the seat map", d -> !browser.all("#seat-map button.seat.available").isEmpty());
        assertThat(browser.all("#seat-map button.seat.available")).hasSize(15);
        assertThat(browser.all("#seat-map button.seat.elsewhere")).as("the lane's seats").hasSize(5)
            .allMatch(seat -> !seat.isEnabled());
    }

    @Test
    void aLinkWithTheCodeEntersTheLanesLine() {
        long event = newEvent(1, 20);
        long lane = presaleLane(event, 5, code);

        browser.open("/waiting-room.html?event=" + event + "&code=" + code);
        browser.waitForView("signin");
        assertThat(browser.byId("access-code").getDomProperty("value")).isEqualTo(code);
        signUpAndJoin();

        browser.waitForView("queue");
        assertThat(browser.text("line-name")).isEqualTo("Presale: Fan club");
        me(event, lane, signedInBuyer()).expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("WAITING");
    }

    @Test
    void anUnknownCodeIsExplainedInTheProblemsWordsAndEntersNoLine() throws IOException {
        long event = newEvent(1, 20);
        long lane = presaleLane(event, 5, code);

        signUpWithCode(event, WRONG_CODE);

        browser.waitForView("code");
        assertThat(browser.text("alert")).isEqualTo("No lane of event " + event + " has this code");
        assertThat(browser.byId("code-input").getDomProperty("value")).isEqualTo(WRONG_CODE);
        Buyer buyer = signedInBuyer();
        me(event, lane, buyer).expectStatus().isNotFound();
        me(event, buyer).expectStatus().isNotFound();
        browser.screenshot("lane-03-unknown-code");
    }

    @Test
    void aLaneNotOpenYetIsExplainedWithItsTimesInTheBuyersOwnWords() {
        long event = newEvent(1, 20);
        presaleLane(event, 5, code, clock.instant().plus(Duration.ofDays(1)));

        signUpWithCode(event, code);

        browser.waitForView("code");
        assertThat(browser.text("alert")).startsWith("The lane this code opens is open from ")
            .as("instants in the browser's time, not ISO 8601").doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
    }

    @Test
    void aRefusedBuyerFixesTheCodeAndEntersTheLanesLine() {
        long event = newEvent(1, 20);
        long lane = presaleLane(event, 5, code);
        signUpWithCode(event, WRONG_CODE);
        browser.waitForView("code");

        browser.type("code-input", code);
        browser.byId("code-button").click();

        browser.waitForView("queue");
        assertThat(browser.text("line-name")).isEqualTo("Presale: Fan club");
        me(event, lane, signedInBuyer()).expectStatus().isOk();
    }

    @Test
    void aRefusedBuyerJoinsThePublicLineInstead() {
        long event = newEvent(1, 20);
        presaleLane(event, 5, code);
        signUpWithCode(event, WRONG_CODE);
        browser.waitForView("code");

        browser.byId("public-button").click();

        browser.waitForView("queue");
        assertThat(browser.byId("line-name").isDisplayed()).isFalse();
        me(event, signedInBuyer()).expectStatus().isOk();
    }

    @Test
    void aBuyerInThePublicLineWhoEntersACodeMovesToTheLanesLine() throws IOException {
        long event = newEvent(1, 20);
        long lane = presaleLane(event, 5, code);
        signUpAndJoin(event);
        browser.waitUntil("the buyer's place, 1st", d -> browser.text("position").equals("1"));

        browser.byId("queue-code").click();
        browser.waitForView("code");
        browser.type("code-input", code);
        browser.byId("code-button").click();

        browser.waitUntil("the lane's line named", d -> browser.text("line-name").equals("Presale: Fan club"));
        Buyer buyer = signedInBuyer();
        me(event, lane, buyer).expectStatus().isOk();
        await().untilAsserted(() -> me(event, buyer).expectStatus().isNotFound());
        browser.screenshot("lane-04-moved-from-the-public-line");
    }

    /** Opens the sign-in form, opens its access code row, types {@code code} there and signs a fresh buyer up. */
    private void signUpWithCode(long event, String code) {
        openSignIn(browser.servicePort(), event);
        browser.byId("code-toggle").click();
        browser.type("access-code", code);
        signUpAndJoin();
    }
}
