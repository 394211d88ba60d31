package io.ticketing.system;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import reactor.core.publisher.Mono;

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
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(ReactiveJwtDecoder verifier, int maximum, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(maximum).expireAfter(Expiry.creating((String token, Jwt jwt) -> untilExpiry(jwt))).build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
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
