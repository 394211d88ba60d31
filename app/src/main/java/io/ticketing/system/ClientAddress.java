package io.ticketing.system;

import java.net.InetAddress;
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
}
