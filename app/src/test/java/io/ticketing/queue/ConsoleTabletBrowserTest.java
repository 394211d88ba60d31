package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The operator's console on a tablet held upright: everything reads without sideways scrolling. */
class ConsoleTabletBrowserTest extends BrowserTestSupport {

    ConsoleTabletBrowserTest() {
        super(820, 1180);
    }

    @Test
    void theConsoleFitsATabletsWidth() throws IOException {
        long event = newEvent(1, 20);
        enter(event, buyer());
        browser.open(browser.servicePort(), "/console.html?event=" + event);
        browser.waitForView("signin");
        browser.type("email", ADMIN_EMAIL);
        browser.type("password", ADMIN_PASSWORD);
        browser.byId("signin-button").click();
        browser.waitForView("console");
        browser.waitUntil("the first figures", d -> browser.text("line-waiting").equals("1"));

        assertThat(pageFitsTheScreen()).as("no sideways scrolling at 820 px").isTrue();
        browser.screenshot("console-tablet");
    }
}
