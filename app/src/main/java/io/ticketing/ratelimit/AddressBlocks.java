package io.ticketing.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of IP addresses and CIDR blocks ({@code 10.0.0.0/8}, {@code ::1}, {@code 2001:db8::/32}),
 * as configured for trusted proxies and exempt clients. Text is only ever read as an address
 * literal: a host name would make {@link InetAddress} ask DNS, which blocks, and a client could
 * put one in X-Forwarded-For.
 * <p>
 * Not Spring Security's IpAddressMatcher (InetAddressMatchers in 7.1): it looks up text such as
 * {@code 256.1.1.1} in DNS and matches across IPv4 and IPv6 (AddressBlocksTest shows both).
 */
final class AddressBlocks {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** Starts like a literal to InetAddress (hex digit or colon), so it parses and never looks the text up. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private final List<Block> blocks;

    private AddressBlocks(List<Block> blocks) {
        this.blocks = blocks;
    }

    /**
     * @throws IllegalArgumentException naming the first entry that is neither an address nor a CIDR block
     */
    static AddressBlocks of(List<String> entries) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : entries) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            int slash = text.indexOf('/');
            InetAddress network = literal(slash < 0 ? text : text.substring(0, slash))
                .orElseThrow(() -> notABlock(entry));
            int bits = network.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                }
                catch (NumberFormatException e) {
                    throw notABlock(entry);
                }
                if (prefix < 0 || prefix > bits) {
                    throw notABlock(entry);
                }
            }
            blocks.add(new Block(network.getAddress(), prefix));
        }
        return new AddressBlocks(List.copyOf(blocks));
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return blocks.stream().anyMatch(block -> block.contains(bytes));
    }

    /** The address written in {@code text}, or empty when it is not a plain IPv4 or IPv6 literal. */
    static Optional<InetAddress> literal(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.length() > 45) {
            return Optional.empty();
        }
        if (s.indexOf(':') < 0) {
            Matcher quad = IPV4.matcher(s);
            if (!quad.matches()) {
                return Optional.empty();
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(quad.group(i + 1));
                if (part > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) part;
            }
            return address(bytes);
        }
        if (!IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        }
        catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> address(byte[] bytes) {
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        }
        catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static IllegalArgumentException notABlock(String entry) {
        return new IllegalArgumentException("'" + entry + "' is neither an IP address nor a CIDR block such as 10.0.0.0/8");
    }

    private record Block(byte[] network, int prefix) {

        boolean contains(byte[] address) {
            // An IPv4 block never matches an IPv6 address and the reverse.
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
