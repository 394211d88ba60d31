package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The operator's console on a tablet held upright: everything, lanes and the waiting list too, reads without sideways scrolling. */
class ConsoleTabletBrowserTest extends BrowserTestSupport {

    ConsoleTabletBrowserTest() {
        super(820, 1180);
    }

    @Test
    void theConsoleFitsATabletsWidth() throws IOException {
        long event = newEvent(1, 20);
        presaleLane(event, 5, unique("FAN"));
        Buyer buyer = buyer();
        enter(event, buyer);
        sellOut(event);
        joinWaitingList(event, buyer);
        browser.open(browser.servicePort(), "/console.html?event=" + event);
        browser.waitForView("signin");
        browser.type("email", ADMIN_EMAIL);
        browser.type("password", ADMIN_PASSWORD);
        browser.byId("signin-button").click();
        browser.waitForView("console");
        browser.waitUntil("the first figures", d -> browser.text("line-waiting").equals("1"));
        browser.waitUntil("the lanes panel's lane", d -> !browser.all("#lanes-rows tr").isEmpty());
        browser.waitUntil("the waiting list's figures", d -> browser.text("waitlist-waiting").equals("1"));

        assertThat(pageFitsTheScreen()).as("no sideways scrolling at 820 px").isTrue();
        // A wide table would only scroll inside its own box, so it is measured against the screen itself.
        assertThat(browser.<Boolean>script("const table = document.getElementById('lanes');"
            + "return table.getBoundingClientRect().right <= document.documentElement.clientWidth"
            + " && table.parentElement.scrollWidth <= table.parentElement.clientWidth"))
            .as("the lanes' table whole at 820 px").isTrue();
        browser.script("document.getElementById('waitlist-title').scrollIntoView()");
        browser.screenshot("console-tablet");
    }
}
