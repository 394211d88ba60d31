package io.ticketing.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

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

    static InetAddress ip(String literal) {
        return AddressBlocks.literal(literal).orElseThrow();
    }
}
