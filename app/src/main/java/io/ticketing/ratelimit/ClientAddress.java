package io.ticketing.ratelimit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a request comes from, for limits per address. The TCP peer, unless the peer is a trusted
 * proxy: then X-Forwarded-For is walked from the right, past the trusted proxies, to the first
 * address none of them is: the nearest hop that no trusted proxy vouches for. Everything left of it
 * was written by the client and is never believed, so a client cannot pick its own address by
 * sending the header. With no trusted proxies (the default) the header is ignored.
 */
final class ClientAddress {

    private final AddressBlocks trustedProxies;

    ClientAddress(AddressBlocks trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /**
     * @param peer         the TCP peer's address
     * @param forwardedFor the X-Forwarded-For header's values in the order received
     */
    InetAddress of(InetAddress peer, List<String> forwardedFor) {
        if (!trustedProxies.contains(peer)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            hops.addAll(List.of(value.split(",", -1)));
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = AddressBlocks.literal(hops.get(i));
            if (hop.isEmpty()) {
                // Whoever wrote it, garbage must not earn a fresh address: count the last hop we trust.
                return client;
            }
            client = hop.get();
            if (!trustedProxies.contains(client)) {
                return client;
            }
        }
        return client;
    }

    /**
     * The network of {@code prefix} bits (for IPv4 or IPv6 alike) that {@code address} belongs to, as
     * text: the address itself when the prefix is the whole address, else {@code network/prefix}.
     */
    static String counted(InetAddress address, int ipv4Prefix, int ipv6Prefix) {
        byte[] bytes = address.getAddress();
        int prefix = address instanceof Inet4Address ? ipv4Prefix : ipv6Prefix;
        if (prefix >= bytes.length * 8) {
            return address.getHostAddress();
        }
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        }
        catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
