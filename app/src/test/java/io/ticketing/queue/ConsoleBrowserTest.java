package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.springframework.http.MediaType;

import io.ticketing.testsupport.CuttableProxy;

/**
 * The operator's console in a desktop browser: the line as buyers enter through the API, and what
 * each control does to the waiting room, checked through the API the buyers use. Admission ticks
 * are the test's own, as in the buyers' browser tests.
 */
class ConsoleBrowserTest extends BrowserTestSupport {

    ConsoleBrowserTest() {
        super(1280, 900);
    }

    @Test
    void waitingCountRisesAsBuyersEnter() throws IOException {
        long event = newEvent(1, 20);
        signIn(event);
        waitForLiveFigures();
        assertThat(browser.text("line-waiting")).isEqualTo("0");

        for (int i = 1; i <= 3; i++) {
            enter(event, buyer());
            int entered = i;
            browser.waitUntil("the waiting count to reach " + entered, d -> browser.text("line-waiting").equals(Integer.toString(entered)));
        }
        browser.screenshot("console-01-buyers-entering");
    }

    @Test
    void pausingStopsAdmissions() throws IOException {
        long event = newEvent(1, 20);
        List<Buyer> buyers = enterBuyers(event, 3);
        signIn(event);

        apply("pause-button", "Admissions paused.");

        browser.waitUntil("the page to say admissions are paused", d -> browser.byId("paused-banner").isDisplayed());
        assertThat(browser.text("pause-button")).isEqualTo("Resume admissions");
        assertThat(stats(event).get("paused")).isEqualTo(true);
        List<Long> before = buyers.stream().map(buyer -> position(status(event, buyer))).toList();
        tickAfter(event, Duration.ZERO);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).isEmpty();
        assertThat(tickAfter(event, Duration.ofSeconds(1))).isEmpty();
        assertThat(buyers.stream().map(buyer -> position(status(event, buyer))).toList()).isEqualTo(before);
        browser.screenshot("console-02-paused");
    }

    @Test
    void raisedRateAdmitsItsNumberAtTheNextTick() throws IOException {
        long event = newEvent(1, 20);
        configure(event, Map.of("admissionRatePerSecond", 1));
        List<Buyer> buyers = enterBuyers(event, 8);
        signIn(event);

        browser.type("rate-input", "5");
        apply("rate-apply", "Admission rate set to 5 buyers a second.");

        assertThat(((Number) stats(event).get("admissionRatePerSecond")).intValue()).isEqualTo(5);
        tickAfter(event, Duration.ZERO);
        stillThere(event, buyers);
        assertThat(tickAfter(event, Duration.ofSeconds(1))).hasSize(5);
        browser.waitUntil("the console to count 5 admissions", d -> browser.text("total-admissions").equals("5"));
        browser.screenshot("console-03-rate-raised");
    }

    @Test
    void closingTurnsNewBuyersAwayWithTheOperatorsMessage() throws IOException {
        long event = newEvent(1, 20);
        signIn(event);
        String message = "Tonight's tickets are gone to the box office; try the matinee.";

        browser.type("message-input", message);
        apply("message-apply", "Waiters now see your message.");
        chooseMode("CLOSED");

        Map<?, ?> answer = enter(event, buyer());
        assertThat(answer.get("state")).isEqualTo("CLOSED");
        assertThat(answer.get("message")).isEqualTo(message);
        browser.waitUntil("the mode badge to say CLOSED", d -> browser.text("mode-badge").equals("CLOSED"));
        browser.screenshot("console-04-closed");
    }

    @Test
    void changeLogListsEachChangeNewestFirst() throws IOException {
        long event = newEvent(1, 20);
        signIn(event);

        apply("pause-button", "Admissions paused.");
        browser.type("rate-input", "7");
        apply("rate-apply", "Admission rate set to 7 buyers a second.");
        chooseMode("CLOSED");

        List<String> changes = browser.waitUntil("three changes in the log", d -> {
            List<String> texts = browser.all("#changes li").stream().map(WebElement::getText).toList();
            return texts.size() == 3 ? texts : null;
        });
        assertThat(changes.get(0)).contains("mode:", "CLOSED");
        assertThat(changes.get(1)).contains("admission rate:", "→ 7");
        assertThat(changes.get(2)).contains("paused:", "false → true");
        browser.script("document.getElementById('changes-title').scrollIntoView()");
        browser.screenshot("console-05-change-log");
    }

    @Test
    void scheduledWindowPutsItsModeInForce() throws IOException {
        long event = newEvent(1, 20);
        signIn(event);

        addScheduleRow("QUEUE_ALL", Duration.ofHours(-1), Duration.ofHours(1));
        apply("schedule-save", "Schedule saved: 1 period.");

        assertThat(stats(event).get("effectiveMode")).isEqualTo("QUEUE_ALL");
        assertThat(browser.text("mode-badge")).isEqualTo("QUEUE_ALL (scheduled)");
        browser.waitUntil("the schedule in the change log",
            d -> browser.all("#changes li").stream().anyMatch(change -> change.getText().contains("schedule: none → QUEUE_ALL")));
        browser.screenshot("console-06-schedule");
    }

    @Test
    void refusedChangeIsExplainedInTheApisWords() throws IOException {
        long event = newEvent(1, 20);
        signIn(event);

        addScheduleRow("QUEUE_ALL", Duration.ofHours(1), Duration.ofHours(3));
        addScheduleRow("PASSTHROUGH", Duration.ofHours(2), Duration.ofHours(4));
        browser.byId("schedule-save").click();

        String said = browser.waitUntil("an alert", d -> browser.byId("alert").isDisplayed() ? browser.text("alert") : null);
        assertThat(said).startsWith("Scheduled windows must not overlap: QUEUE_ALL from ");
        assertThat(((List<?>) stats(event).get("schedule"))).isEmpty();
        browser.screenshot("console-07-refused");
    }

    @Test
    void chartsFollowASpikeOfBuyers() throws IOException {
        int seats = 300;
        long event = newEvent(clock.instant().minus(Duration.ofSeconds(20)), 10, seats / 10);
        configure(event, Map.of("admissionRatePerSecond", 4));
        signIn(event);
        waitForLiveFigures();
        Map<String, Buyer> inLine = new ConcurrentHashMap<>();
        int entered = 0;
        int admitted = 0;

        // Arrivals swell while each round's tick lets in what the real time since the last allows.
        for (int round = 0; round < 20; round++) {
            List<Buyer> arrivals = IntStream.range(0, 3 + round).parallel().mapToObj(i -> buyer()).toList();
            arrivals.parallelStream().forEach(buyer -> {
                enter(event, buyer);
                inLine.put(Long.toString(buyer.id()), buyer);
            });
            entered += arrivals.size();
            for (String id : tickAfter(event, Duration.ZERO)) {
                admitted++;
                // Most of those let in buy two seats; some only hold them, as some buyers do, while seats last.
                if (2 * admitted <= seats) {
                    holdTwoSeats(event, inLine.remove(id), admitted % 4 != 0);
                }
            }
        }
        String total = Integer.toString(entered);
        browser.waitUntil("the console to count " + total + " entries", d -> browser.text("total-entries").equals(total));
        assertThat(browser.byId("spark-entries").findElement(By.cssSelector("path.stroke")).getAttribute("d")).contains("L");
        assertThat(browser.text("seats-sold")).isNotEqualTo("0");
        assertThat(browser.byId("burndown").findElements(By.cssSelector("path.live"))).isNotEmpty();
        browser.screenshot("console-spike-01-figures");

        // Then bots: with the door on, entries without a proof of work join the infinite line, not the entries.
        configure(event, Map.of("challengeBits", 16));
        enterBuyers(event, 12);
        browser.waitUntil("12 in the infinite line", d -> browser.text("line-limbo").equals("12"));
        assertThat(browser.text("total-entries")).isEqualTo(total);
        browser.script("document.getElementById('controls-title').scrollIntoView()");
        browser.waitUntil("the door's change in the log", d -> browser.text("changes").contains("difficulty (bits): 0 → 16"));
        browser.screenshot("console-spike-02-controls");
    }

    @Test
    void lanesPanelShowsEachLanesQuotaAndSalesAsTheySell() throws IOException {
        long event = newEvent(1, 20);
        long lane = presaleLane(event, 5, unique("FAN"));
        signIn(event);
        browser.waitUntil("the lane's row", d -> !browser.all(laneRow(lane)).isEmpty());
        assertThat(laneFigure(lane, "th")).isEqualTo("Fan club");
        assertThat(laneFigure(lane, "td[data-field='quota']")).isEqualTo("5");
        assertThat(laneFigure(lane, "td[data-field='sold']")).isEqualTo("0");
        int left = Integer.parseInt(laneFigure(lane, "td[data-field='left']"));

        sellSeats(event, "lane_id = " + lane + " ORDER BY id LIMIT 2").block();

        browser.waitUntil("the lane's sales at the next refresh", d -> laneFigure(lane, "td[data-field='sold']").equals("2"));
        assertThat(laneFigure(lane, "td[data-field='left']")).isEqualTo(Integer.toString(left - 2));
        browser.script("document.getElementById('lanes-title').scrollIntoView()");
        browser.screenshot("console-10-lanes");
    }

    @Test
    void lanesPanelSaysSoWhenTheEventHasNone() {
        signInShowsAnEmptyPanel("lanes-empty", "No presale lanes", "lanes");
    }

    @Test
    void waitingListPanelShowsWhoWaitsAndTheOffersMadeAsSeatsComeBack() throws IOException {
        long event = newEvent(1, 2);
        List<Buyer> buyers = enterBuyers(event, 2);
        sellOut(event);
        buyers.forEach(buyer -> joinWaitingList(event, buyer));
        signIn(event);
        browser.waitUntil("two waiting on the list", d -> browser.text("waitlist-waiting").equals("2"));
        assertThat(browser.text("waitlist-offersOpen")).isEqualTo("0");
        assertThat(browser.byId("waitlist-empty").isDisplayed()).isFalse();

        offerAReturnedSeat(event);

        browser.waitUntil("the offer at the next refresh", d -> browser.text("waitlist-offersOpen").equals("1"));
        assertThat(browser.text("waitlist-waiting")).isEqualTo("1");
        assertThat(browser.text("waitlist-offersTaken")).isEqualTo("0");
        assertThat(browser.text("waitlist-offersPassed")).isEqualTo("0");
        browser.script("document.getElementById('waitlist-title').scrollIntoView()");
        browser.screenshot("console-11-waiting-list");
    }

    @Test
    void waitingListPanelSaysSoWhenNobodyIsOnIt() {
        signInShowsAnEmptyPanel("waitlist-empty", "No one on the waiting list", "waitlist-figures");
    }

    @Test
    void droppedStreamIsShownAndTheConsoleReconnects() throws IOException {
        long event = newEvent(1, 20);
        try (CuttableProxy network = new CuttableProxy("127.0.0.1", browser.servicePort())) {
            signIn(network.port(), event);
            waitForLiveFigures();

            network.cut();
            browser.waitUntil("the page to say the connection dropped",
                d -> browser.text("connection").startsWith("Connection lost. Reconnecting in "));
            browser.screenshot("console-08-connection-lost");

            network.restore();
            browser.waitUntil("the console to be live again", d -> browser.text("connection").equals("Live"));
            enter(event, buyer());
            browser.waitUntil("fresh figures after reconnecting", d -> browser.text("line-waiting").equals("1"));
        }
    }

    @Test
    void accountWithoutTheAdminRoleIsToldSo() throws IOException {
        long event = newEvent(1, 20);
        String email = unique("buyer") + "@example.com";
        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email, "name", "A Buyer", "password", "password-123"))
            .exchange().expectStatus().isCreated()
            .expectBody();
        browser.open("/console.html?event=" + event);
        browser.waitForView("signin");
        browser.type("email", email);
        browser.type("password", "password-123");
        browser.byId("signin-button").click();

        String said = browser.waitUntil("an alert", d -> browser.byId("alert").isDisplayed() ? browser.text("alert") : null);
        assertThat(said).isEqualTo("This account is not an administrator. Sign in with an administrator's account to use the console.");
        assertThat(browser.byId("view-signin").isDisplayed()).isTrue();
        browser.screenshot("console-09-not-an-admin");
    }

    private void signIn(long event) {
        signIn(browser.servicePort(), event);
    }

    /** Signs the admin in on the console, through {@code port}, and waits for the settings in the controls. */
    private void signIn(int port, long event) {
        browser.open(port, "/console.html?event=" + event);
        browser.waitForView("signin");
        browser.type("email", ADMIN_EMAIL);
        browser.type("password", ADMIN_PASSWORD);
        browser.byId("signin-button").click();
        browser.waitForView("console");
        browser.waitUntil("the settings in the controls", d -> !browser.byId("rate-input").getDomProperty("value").isEmpty());
    }

    /** On a new event's console, the panel whose content is {@code content} says {@code words} in {@code empty} instead. */
    private void signInShowsAnEmptyPanel(String empty, String words, String content) {
        signIn(newEvent(1, 20));

        browser.waitUntil("the empty state " + empty, d -> browser.byId(empty).isDisplayed());
        assertThat(browser.text(empty)).isEqualTo(words);
        assertThat(browser.byId(content).isDisplayed()).isFalse();
    }

    private static String laneRow(long lane) {
        return "#lanes-rows tr[data-lane='" + lane + "']";
    }

    /**
     * The text of the lane's row's {@code cell}, read in one script: a refresh that changes a figure
     * draws the rows anew, and an element found a moment before would be gone.
     */
    private String laneFigure(long lane, String cell) {
        return browser.script("return document.querySelector(\"" + laneRow(lane) + " " + cell + "\")?.textContent ?? ''");
    }

    private void waitForLiveFigures() {
        browser.waitUntil("the console to go live", d -> browser.text("connection").equals("Live"));
        browser.waitUntil("the first figures", d -> !browser.text("line-waiting").equals("–"));
    }

    private void chooseMode(String mode) {
        new Select(browser.byId("mode-select")).selectByValue(mode);
        apply("mode-apply", "Mode set to " + mode + ".");
    }

    /** Clicks the control's button and waits until the page confirms the change in {@code confirmation}'s words. */
    private void apply(String button, String confirmation) {
        browser.byId(button).click();
        browser.waitUntil("the page to confirm: " + confirmation, d -> browser.text("notice").equals(confirmation));
    }

    /** An admitted buyer holds the best two seats with their pass, and buys them if {@code buy}. */
    private void holdTwoSeats(long event, Buyer buyer, boolean buy) {
        String pass = (String) status(event, buyer).get("pass");
        Map<?, ?> held = http.post().uri("/api/v1/events/{id}/reservations", event).header("Authorization", bearer(buyer.token()))
            .header("Admission-Pass", pass).header("Idempotency-Key", unique("hold"))
            .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("quantity", 2))
            .exchange().expectStatus().isCreated()
            .expectBody(Map.class).returnResult().getResponseBody();
        if (!buy) {
            return;
        }
        http.post().uri("/api/v1/reservations/{id}/confirm", held.get("id")).header("Authorization", bearer(buyer.token()))
            .header("Idempotency-Key", unique("buy"))
            .exchange().expectStatus().isOk()
            .expectBody();
    }

    /**
     * Adds a row to the schedule editor: {@code mode} from {@code from} to {@code to} from now. A
     * datetime-local input is typed in the browser's own format; its value, set here, is the same in
     * every locale.
     */
    private void addScheduleRow(String mode, Duration from, Duration to) {
        browser.byId("schedule-add").click();
        List<WebElement> rows = browser.all("#schedule-rows li");
        WebElement row = rows.get(rows.size() - 1);
        new Select(row.findElement(By.cssSelector(".schedule-mode"))).selectByValue(mode);
        browser.script("const row = document.querySelector('#schedule-rows li:last-child');"
            + "row.querySelector('.schedule-from').value = localInput(Date.now() + " + from.toMillis() + ");"
            + "row.querySelector('.schedule-to').value = localInput(Date.now() + " + to.toMillis() + ");");
    }

    private List<Buyer> enterBuyers(long event, int count) {
        List<Buyer> buyers = IntStream.range(0, count).mapToObj(i -> buyer()).toList();
        buyers.forEach(buyer -> enter(event, buyer));
        return buyers;
    }
}
