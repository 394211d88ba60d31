package io.ticketing.lane;

import java.util.Locale;

import org.springframework.stereotype.Component;

import io.ticketing.config.Digests;
import io.ticketing.security.AuthProperties;
import io.ticketing.security.Signer;

/**
 * A lane's codes are derived, never stored: code i of lane L is the first 80 bits of
 * HMAC-SHA256(a key derived from the JWT secret for "lane codes", "L:i") in base32, grouped by
 * four with '-'. The database keeps only the SHA-256 of each normalized code, so the download can
 * re-derive the batch while a copy of the tables cannot redeem a single one.
 */
@Component
class AccessCodes {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
    /** 10 bytes: 80 bits, exactly 16 base32 characters, so no padding. */
    private static final int CODE_BYTES = 10;
    private static final int GROUP = 4;

    private final Signer signer;

    AccessCodes(AuthProperties auth) {
        this.signer = Signer.forPurpose(auth, "lane codes");
    }

    /** The {@code index}th single-use code of the lane. */
    String single(long laneId, int index) {
        return derive(laneId + ":" + index);
    }

    /** The shared code the service makes up for a lane whose operator chose none. */
    String generatedShared(long laneId) {
        return derive(laneId + ":shared");
    }

    /** What a buyer types and what is hashed: upper case, without '-' and spaces, so either way of writing it works. */
    static String normalize(String code) {
        StringBuilder normalized = new StringBuilder(code.length());
        code.chars().filter(c -> c != '-' && !Character.isWhitespace(c)).forEach(c -> normalized.append((char) c));
        return normalized.toString().toUpperCase(Locale.ROOT);
    }

    /** The stored form of a code: SHA-256 hex of its normalized form. */
    static String hash(String code) {
        return Digests.sha256(normalize(code));
    }

    private String derive(String payload) {
        byte[] mac = signer.mac(payload);
        StringBuilder code = new StringBuilder(16 + 3);
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < CODE_BYTES; i++) {
            buffer = (buffer << 8) | (mac[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                if (written > 0 && written % GROUP == 0) {
                    code.append('-');
                }
                code.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
                written++;
            }
        }
        return code.toString();
    }
}
