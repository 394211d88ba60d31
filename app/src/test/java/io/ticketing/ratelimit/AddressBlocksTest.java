package io.ticketing.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.util.matcher.InetAddressMatcher;
import org.springframework.security.util.matcher.InetAddressMatchers;

import io.ticketing.BlockingCalls;

/**
 * Also shows, against Spring Security's own matcher (what IpAddressMatcher delegates to), why
 * AddressBlocks is kept: that one looks up in DNS text a client could send, and matches across
 * address families.
 */
class AddressBlocksTest {

    @Test
    void aBlockHoldsEveryAddressUnderItsPrefix() {
        AddressBlocks blocks = AddressBlocks.of(List.of("10.20.48.0/22"));

        assertThat(blocks.contains(ip("10.20.48.0"))).isTrue();
        assertThat(blocks.contains(ip("10.20.51.255"))).isTrue();
        assertThat(blocks.contains(ip("10.20.52.0"))).isFalse();
        assertThat(blocks.contains(ip("10.20.47.255"))).isFalse();
    }

    @Test
    void aPlainAddressHoldsOnlyItself() {
        AddressBlocks blocks = AddressBlocks.of(List.of(" 127.0.0.1 ", "0:0:0:0:0:0:0:1"));

        assertThat(blocks.contains(ip("127.0.0.1"))).isTrue();
        assertThat(blocks.contains(ip("::1"))).isTrue();
        assertThat(blocks.contains(ip("127.0.0.2"))).isFalse();
    }

    @Test
    void ipv6BlocksMatchIpv6AddressesOnly() {
        AddressBlocks blocks = AddressBlocks.of(List.of("2001:db8::/32", "0.0.0.0/0"));

        assertThat(blocks.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(blocks.contains(ip("2001:db9::1"))).isFalse();
        assertThat(AddressBlocks.of(List.of("::/0")).contains(ip("192.0.2.1"))).isFalse();
    }

    @Test
    void noEntriesHoldNothing() {
        assertThat(AddressBlocks.of(List.of()).contains(ip("192.0.2.1"))).isFalse();
        assertThat(AddressBlocks.of(List.of("")).contains(ip("192.0.2.1"))).isFalse();
    }

    @Test
    void anEntryThatIsNoAddressOrBlockIsRefusedByName() {
        for (String bad : List.of("10.0.0/8", "10.0.0.0/33", "10.0.0.0/x", "ingress.local", "256.1.1.1", "::1/129")) {
            assertThatThrownBy(() -> AddressBlocks.of(List.of(bad))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }

    @Test
    void onlyAddressLiteralsAreRead() {
        assertThat(AddressBlocks.literal("203.0.113.7")).contains(ip("203.0.113.7"));
        assertThat(AddressBlocks.literal(" 2001:db8::7 ")).contains(ip("2001:db8::7"));
        for (String notALiteral : List.of("", "unknown", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "01.2.3.4x", "[::1]",
            "fe80::1%eth0", "1.2.3.4:8080", ".:1", "2001:db8::zz")) {
            assertThat(AddressBlocks.literal(notALiteral)).as(notALiteral).isEmpty();
        }
    }

    @Test
    void aHostNameInConfigOrForwardedForIsRefusedWithoutALookup() {
        ClientAddress behindProxy = new ClientAddress(AddressBlocks.of(List.of("10.0.0.0/8")));
        // On a non-blocking thread, where BlockHound records a lookup as the blocking call it is.
        Mono.fromRunnable(() -> {
                assertThatThrownBy(() -> AddressBlocks.of(List.of("ingress.local"))).isInstanceOf(IllegalArgumentException.class);
                assertThatThrownBy(() -> AddressBlocks.of(List.of("256.1.1.1"))).isInstanceOf(IllegalArgumentException.class);
                assertThat(behindProxy.of(ip("10.1.1.1"), List.of("evil.example, 10.2.2.2"))).isEqualTo(ip("10.2.2.2"));
                assertThat(behindProxy.of(ip("10.1.1.1"), List.of(unresolvable() + ", 10.2.2.2"))).isEqualTo(ip("10.2.2.2"));
            })
            .subscribeOn(Schedulers.parallel())
            .block(Duration.ofSeconds(5));

        assertThat(BlockingCalls.drain()).isEmpty();
    }

    @Test
    void springSecuritysMatcherLooksUpTextThatOnlyLooksLikeAnAddress() {
        String text = unresolvable();
        Mono.fromRunnable(() -> assertThatThrownBy(() -> InetAddressMatchers.fromIpAddress(text)).isInstanceOf(IllegalArgumentException.class))
            .subscribeOn(Schedulers.parallel())
            .block(Duration.ofSeconds(30));

        assertThat(BlockingCalls.drain()).extracting(call -> call.judgement().call()).anySatisfy(call -> assertThat(call).endsWith("AddressImpl.lookupAllHostAddr"));
    }

    @Test
    void springSecuritysMatcherMatchesAcrossAddressFamiliesWhereOursDoesNot() {
        InetAddressMatcher springs = InetAddressMatchers.fromIpAddress("10.0.0.0/8");
        AddressBlocks ours = AddressBlocks.of(List.of("10.0.0.0/8"));

        assertThat(springs.matches(ip("a00::1"))).isTrue();
        assertThat(ours.contains(ip("a00::1"))).isFalse();
        assertThat(InetAddressMatchers.fromIpAddress("::/0").matches(ip("192.0.2.1"))).isTrue();
        assertThat(AddressBlocks.of(List.of("::/0")).contains(ip("192.0.2.1"))).isFalse();
        assertThatThrownBy(() -> InetAddressMatchers.fromIpAddress("2001:db8::/40").matches(ip("32.1.13.184")))
            .isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThat(AddressBlocks.of(List.of("2001:db8::/40")).contains(ip("32.1.13.184"))).isFalse();
    }

    @Test
    void bothAgreeOnBlocksOfTheSameFamily() {
        for (String block : List.of("10.20.48.0/22", "192.0.2.1", "0.0.0.0/0", "2001:db8::/32", "::1", "2001:db8:8000::/33")) {
            InetAddressMatcher springs = InetAddressMatchers.fromIpAddress(block);
            AddressBlocks ours = AddressBlocks.of(List.of(block));
            for (String address : List.of("10.20.48.0", "10.20.51.255", "10.20.52.0", "192.0.2.1", "192.0.2.2", "2001:db8::1",
                "2001:db8:ffff::1", "2001:db9::1", "::1", "::2")) {
                boolean sameFamily = ip(address).getAddress().length == (block.contains(":") ? 16 : 4);
                if (sameFamily) {
                    assertThat(ours.contains(ip(address))).as(block + " holds " + address).isEqualTo(springs.matches(ip(address)));
                }
            }
        }
    }

    /** Looks like an IPv4 address to Spring Security, is none, and is new to the JDK's cache of failed lookups. */
    private static String unresolvable() {
        return "256.0.0." + ThreadLocalRandom.current().nextInt(256);
    }

    static InetAddress ip(String literal) {
        return AddressBlocks.literal(literal).orElseThrow();
    }
}
