package io.ticketing.security;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Verifies each access token once, not on every request: a buyer's token is checked (HMAC,
 * parsing, issuer, audience, times) the first time this instance sees it and remembered until it
 * expires, so the many requests of one sale (entry, stream, status, holds, confirm) skip the work.
 *
 * <p>Nothing is trusted that was not verified: the cache is keyed by the whole token, signature
 * included, so a changed token is a new key and is verified in full. A remembered token is served
 * only while it has not expired, by this instance's clock, which is stricter than the verifier
 * (that one allows a minute's skew), and it is forgotten at its expiry. Tokens cannot be revoked
 * before they expire in this service, so remembering them changes no answer.
 *
 * <p>Only the compact form this service issues is read ({@link #canonical}). The verifier's Base64
 * decoder skips characters outside its alphabet, takes the standard alphabet's {@code +/} for
 * {@code -_}, padding, and any value of the unused bits of a segment's last character, so one valid
 * token has endless spellings that all verify: each would be remembered as a token of its own, and
 * one account could fill the heap with them. A spelling this service never issues is refused
 * before the cache and the verifier see it.
 *
 * <p>The cache is bounded by the bytes its entries keep ({@link #weight}), not by their count: a
 * count bounds nothing when the tokens' size varies (an email of 250 characters is in the token).
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(ReactiveJwtDecoder verifier, long maximumBytes, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
            .maximumWeight(maximumBytes)
            .weigher((String token, Jwt jwt) -> weight(token))
            .expireAfter(Expiry.creating((String token, Jwt jwt) -> untilExpiry(jwt)))
            .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        if (!canonical(token)) {
            return Mono.error(new BadJwtException("The token is not in the compact form this service issues"));
        }
        Jwt known = verified.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.getExpiresAt())) {
            return Mono.just(known);
        }
        return verifier.decode(token).doOnNext(jwt -> {
            if (jwt.getExpiresAt() != null) {
                // Keyed by the token's copy the Jwt keeps anyway (equal to the header's): one copy of it per remembered token, not two.
                verified.put(jwt.getTokenValue(), jwt);
            }
        });
    }

    /**
     * The bytes one remembered token keeps on the heap, from the length of its text, as
     * VerifiedTokensTest measures them: about 1.2 KB whatever the token (the parsed header and
     * claims' maps, instants and lists, the cache's node and its share of the cache's tables) and
     * 1.8 bytes a character (the text, one byte a character, and the claims decoded from it). The
     * estimate leans about a tenth high, so the cache never keeps more than its bound.
     */
    static int weight(String token) {
        return 1_400 + 2 * token.length();
    }

    /**
     * Whether the token is in JWS compact form exactly as an encoder writes it: three segments of
     * unpadded base64url, each of a length base64url can have and with the unused bits of its last
     * character zero. That is each segment re-encoding to itself, checked without decoding it.
     */
    static boolean canonical(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return false;
        }
        return canonicalSegment(token, 0, first) && canonicalSegment(token, first + 1, second)
            && canonicalSegment(token, second + 1, token.length());
    }

    private static boolean canonicalSegment(String token, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = base64url(token.charAt(i));
            if (value < 0) {
                return false;
            }
        }
        return switch ((to - from) % 4) {
            case 0 -> true;
            // The last character's 6 bits hold 2 of the last byte's bits: the other 4 are unused.
            case 2 -> (value & 0b1111) == 0;
            // Its 6 bits hold the last 4 bits of the last byte: 2 are unused.
            case 3 -> (value & 0b11) == 0;
            // No length of bytes encodes to one character more than a multiple of four.
            default -> false;
        };
    }

    /** The character's value in the base64url alphabet, or -1 outside it. */
    private static int base64url(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    private Duration untilExpiry(Jwt jwt) {
        Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** How many tokens are remembered now, for tests. */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }
}
