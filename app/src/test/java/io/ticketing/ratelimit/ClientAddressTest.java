package io.ticketing.ratelimit;

import static io.ticketing.ratelimit.AddressBlocksTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress behindProxies = new ClientAddress(AddressBlocks.of(List.of("10.0.0.0/8", "192.0.2.1")));

    @Test
    void withNoTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress direct = new ClientAddress(AddressBlocks.of(List.of()));

        assertThat(direct.of(ip("10.1.1.1"), List.of("203.0.113.7"))).isEqualTo(ip("10.1.1.1"));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(behindProxies.of(ip("198.51.100.9"), List.of("203.0.113.7"))).isEqualTo(ip("198.51.100.9"));
    }

    @Test
    void behindATrustedProxyTheRightmostAddressIsTheClient() {
        assertThat(behindProxies.of(ip("10.1.1.1"), List.of("198.51.100.66, 203.0.113.7"))).isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void trustedHopsAreSkippedFromTheRight() {
        assertThat(behindProxies.of(ip("10.1.1.1"), List.of("198.51.100.66, 203.0.113.7, 192.0.2.1", "10.2.2.2")))
            .isEqualTo(ip("203.0.113.7"));
    }

    @Test
    void aMalformedHopStopsTheWalkAtTheLastTrustedOne() {
        assertThat(behindProxies.of(ip("10.1.1.1"), List.of("203.0.113.7, evil.example, 10.2.2.2"))).isEqualTo(ip("10.2.2.2"));
        assertThat(behindProxies.of(ip("10.1.1.1"), List.of("203.0.113.7,"))).isEqualTo(ip("10.1.1.1"));
    }

    @Test
    void aTrustedPeerWithoutTheHeaderIsTheClient() {
        assertThat(behindProxies.of(ip("10.1.1.1"), List.of())).isEqualTo(ip("10.1.1.1"));
    }

    @Test
    void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
        assertThat(behindProxies.of(ip("10.1.1.1"), List.of("10.3.3.3, 10.2.2.2"))).isEqualTo(ip("10.3.3.3"));
    }

    @Test
    void anIpv6ClientIsCountedAsItsNetwork() {
        assertThat(ClientAddress.counted(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), 32, 64)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.counted(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), 32, 48)).isEqualTo("2001:db8:1:0:0:0:0:0/48");
        assertThat(ClientAddress.counted(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), 32, 61)).isEqualTo("2001:db8:1:0:0:0:0:0/61");
    }

    @Test
    void aWholeAddressPrefixCountsTheAddressItself() {
        assertThat(ClientAddress.counted(ip("203.0.113.7"), 32, 64)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.counted(ip("2001:db8::1"), 32, 128)).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void anIpv4ClientIsCountedByItsOwnPrefix() {
        assertThat(ClientAddress.counted(ip("203.0.113.7"), 24, 64)).isEqualTo("203.0.113.0/24");
        assertThat(ClientAddress.counted(ip("::ffff:203.0.113.7"), 24, 64)).isEqualTo("203.0.113.0/24");
    }
}
