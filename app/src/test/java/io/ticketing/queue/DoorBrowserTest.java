package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The door in the browser: with a difficulty set, the page gets ready (solves the challenge in a worker) before it joins the line. */
class DoorBrowserTest extends BrowserTestSupport {

    /** About 260,000 hashes: a second or so in headless Chromium on a development machine. */
    private static final int BITS = 18;

    /** About 4 billion hashes: hours; a solve within the test's seconds is a chance of a few in 10,000. */
    private static final int HOURS_OF_WORK_BITS = 32;

    /** The pure-JS fallback's difficulty: a fraction of a second. */
    private static final int FALLBACK_BITS = 16;

    /** The solve's length is a matter of chance (geometric, mean 2^BITS hashes) and of the machine's load. */
    private static final Duration SOLVING_PATIENCE = Duration.ofSeconds(90);

    @Test
    void buyerIsToldTheDeviceIsGettingReadyAndJoinsNoLineMeanwhile() throws IOException {
        long event = newEvent(1, 5);
        QueueKeys keys = challengeBits(event, HOURS_OF_WORK_BITS);

        signUpAndJoin(event);

        browser.waitForView("ready");
        assertThat(browser.text("ready-status")).isEqualTo("Getting ready…");
        assertThat(browser.byId("ready-progress").getDomAttribute("aria-valuenow")).isEqualTo("0");
        assertThat(pageFitsTheScreen()).isTrue();
        browser.screenshot("door-00-getting-ready");
        assertThat(redis.opsForZSet().size(keys.line()).block()).isZero();
        assertThat(redis.opsForZSet().size(keys.limbo()).block()).isZero();
    }

    @Test
    void buyerGetsReadyThenWaitsInTheRealLineAndIsAdmitted() throws IOException {
        long event = newEvent(1, 5);
        QueueKeys keys = challengeBits(event, BITS);

        openSignIn(browser.servicePort(), event);
        // The page may be ready in less time than a look at it takes: what it showed is recorded as it happens.
        browser.script("""
            window.readiness = [];
            const view = document.getElementById('view-ready');
            const status = document.getElementById('ready-status');
            const record = () => { if (!view.hidden) window.readiness.push(status.textContent); };
            new MutationObserver(record).observe(view, { attributes: true, attributeFilter: ['hidden'] });
            new MutationObserver(record).observe(status, { childList: true, characterData: true, subtree: true });
            """);
        signUpAndJoin();

        browser.waitUntil("the page to join the line once ready", SOLVING_PATIENCE, d -> browser.byId("view-queue").isDisplayed());
        assertThat(browser.<List<String>>script("return window.readiness"))
            .startsWith("Getting ready…").endsWith("Ready. Joining the line…");
        assertThat(browser.byId("ready-progress").getDomAttribute("aria-valuenow")).isEqualTo("100");
        browser.waitUntil("the buyer's place, 1st", d -> browser.text("position").equals("1"));
        browser.screenshot("door-01-in-line-once-ready");

        String user = Long.toString(userId(browser.script("return sessionStorage.getItem('ticketing.token')")));
        assertThat(redis.opsForZSet().score(keys.line(), user).block()).as("the buyer's ticket in the line").isNotNull();
        assertThat(redis.opsForZSet().score(keys.limbo(), user).block())
            .as("the buyer in the infinite line").isNull();

        admitTheOnlyWaiter(event);
        browser.screenshot("door-02-admitted");
    }

    @Test
    void pageServedOverPlainHttpFromAnotherHostGetsReadyWithoutSubtleCryptoAndHolds() {
        long event = newEvent(1, 5);
        QueueKeys keys = challengeBits(event, FALLBACK_BITS);

        browser.open(nonLoopbackAddress(), browser.servicePort(), "/waiting-room.html?event=" + event);
        browser.waitForView("signin");
        assertThat(browser.<Boolean>script("return window.isSecureContext || !!(window.crypto && window.crypto.subtle)")).isFalse();
        signUpAndJoin();

        browser.waitUntil("the page to join the line once ready", SOLVING_PATIENCE, d -> browser.byId("view-queue").isDisplayed());
        browser.waitUntil("the buyer's place, 1st", d -> browser.text("position").equals("1"));
        String user = Long.toString(userId(browser.script("return sessionStorage.getItem('ticketing.token')")));
        assertThat(redis.opsForZSet().score(keys.line(), user).block()).as("the buyer's ticket in the line").isNotNull();

        // Idempotency keys come from crypto.randomUUID where there is one, which is not in this page either.
        admitTheOnlyWaiter(event);
        browser.byId("best-button").click();
        browser.waitForView("hold");
    }

    /** An address of this machine other than loopback: Chromium counts http://localhost and 127.0.0.1 as secure. */
    private static String nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .map(InetAddress::getHostAddress).findFirst()
                .orElseThrow(() -> new AssertionError("the test needs a network address other than loopback"));
        }
        catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the event's door to {@code bits} as an operator does; answers the event's keys. */
    private QueueKeys challengeBits(long event, int bits) {
        configure(event, Map.of("challengeBits", bits));
        return new QueueKeys(redisKeys, event);
    }
}
