package io.ticketing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jol.info.GraphLayout;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import io.ticketing.TestClock;

class VerifiedTokensTest {

    private static final SecretKeySpec KEY = new SecretKeySpec("a-test-signing-key-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8), "HmacSHA256");

    private final TestClock clock = new TestClock();
    private final AtomicInteger verifications = new AtomicInteger();
    private final VerifiedTokens tokens = new VerifiedTokens(counted(), 1024 * 1024, clock);

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() {
        String token = token(Duration.ofHours(1));

        for (int i = 0; i < 3; i++) {
            tokens.decode(token).map(Jwt::getSubject).as(StepVerifier::create).expectNext("42").verifyComplete();
        }

        assertThat(verifications).hasValue(1);
    }

    @Test
    void aTokenWithAnotherSignatureIsVerifiedAndRefused() {
        String token = token(Duration.ofHours(1));
        tokens.decode(token).block();
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        tokens.decode(forged).as(StepVerifier::create).expectError(BadJwtException.class).verify();
        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenPastItsExpiryIsVerifiedAgain() {
        String token = token(Duration.ofMinutes(10));
        tokens.decode(token).block();

        clock.advance(Duration.ofMinutes(11));
        tokens.decode(token).onErrorResume(e -> Mono.empty()).block();

        assertThat(verifications).hasValue(2);
    }

    @Test
    void aTokenTheVerifierRefusesIsNotRemembered() {
        String expired = token(Duration.ofMinutes(-5));

        for (int i = 0; i < 2; i++) {
            tokens.decode(expired).as(StepVerifier::create).expectError(BadJwtException.class).verify();
        }

        assertThat(verifications).hasValue(2);
        assertThat(tokens.size()).isZero();
    }

    @Test
    void aSpellingThisServiceNeverIssuesIsRefusedUnverified() {
        String token = token(Duration.ofHours(1));
        tokens.decode(token).block();

        tokens.decode(token + "=").as(StepVerifier::create).expectError(BadJwtException.class).verify();
        tokens.decode(token.substring(0, token.length() - 5) + "~" + token.substring(token.length() - 5))
            .as(StepVerifier::create).expectError(BadJwtException.class).verify();

        assertThat(verifications).hasValue(1);
        assertThat(tokens.size()).isOne();
    }

    @Test
    void aTokenIsCanonicalExactlyWhenEachSegmentReencodesToItself() {
        SplittableRandom random = new SplittableRandom(42);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/=~.";
        List<String> differ = new ArrayList<>();
        for (int n = 0; n < 200_000; n++) {
            StringBuilder token = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                // Mostly the base64url alphabet, so that well-formed tokens are common.
                token.append(alphabet.charAt(random.nextInt(random.nextInt(8) == 0 ? alphabet.length() : 64)));
            }
            // And two periods where a token has them, most of the time.
            if (random.nextBoolean() && length > 2) {
                token.setCharAt(random.nextInt(length / 2), '.');
                token.setCharAt(length / 2 + random.nextInt(length - length / 2), '.');
            }
            String text = token.toString();
            if (VerifiedTokens.canonical(text) != reencodes(text)) {
                differ.add(text);
            }
        }
        assertThat(differ).isEmpty();
        assertThat(VerifiedTokens.canonical(token(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void theCacheKeepsNoMoreThanItsBytes() {
        String sample = token(Duration.ofHours(1), 1_000, "buyer@example.com");
        VerifiedTokens small = new VerifiedTokens(counted(), 10L * VerifiedTokens.weight(sample), clock);

        for (int i = 0; i < 50; i++) {
            small.decode(token(Duration.ofHours(1), 1_000 + i, "buyer@example.com")).block();
        }

        assertThat(small.size()).isBetween(1L, 10L);
    }

    /**
     * The weigher's estimate against what a remembered token really keeps, measured: the objects
     * the cache's map reaches once it holds many tokens, less those it reached empty, per token.
     * That takes in the token's text, its parsed claims and header, the cache's node and the map's
     * node and table slot. (The frequency sketch, 8 or 16 bytes a token, is in the estimate's headroom.)
     */
    @ParameterizedTest(name = "an email of {0} characters")
    @ValueSource(ints = {16, 64, 254})
    void theWeightOfARememberedTokenIsWhatItKeepsOrABitMore(int emailLength) throws ReflectiveOperationException {
        VerifiedTokens cache = new VerifiedTokens(counted(), 1024 * 1024 * 1024, clock);
        Object map = entries(cache);
        long empty = GraphLayout.parseInstance(map).totalSize();
        int count = 500;
        long weights = 0;
        for (int i = 0; i < count; i++) {
            String email = "x".repeat(emailLength - "@example.com".length() - 4) + (1_000 + i) + "@example.com";
            String token = token(Duration.ofHours(1), 1_000_000 + i, email);
            weights += VerifiedTokens.weight(token);
            cache.decode(token).block();
        }
        assertThat(cache.size()).isEqualTo(count);

        long measured = (GraphLayout.parseInstance(map).totalSize() - empty) / count;
        long estimated = weights / count;
        assertThat(estimated).as("estimate against %d bytes measured", measured).isBetween(measured, 2 * measured);
    }

    /** Caffeine's map of entries behind the cache: the bounded cache keeps them in a field {@code data}. */
    private static Object entries(VerifiedTokens tokens) throws ReflectiveOperationException {
        Object cache = field(tokens, "verified");
        Object bounded = field(cache, "cache");
        return field(bounded, "data");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    field.setAccessible(true);
                    return field.get(owner);
                }
            }
        }
        throw new NoSuchFieldException(name);
    }

    /** The definition: three segments, each the unpadded base64url encoding of what it decodes to. */
    private static boolean reencodes(String token) {
        String[] segments = token.split("\\.", -1);
        if (segments.length != 3) {
            return false;
        }
        for (String segment : segments) {
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(segment);
                if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(segment)) {
                    return false;
                }
            }
            catch (IllegalArgumentException notBase64url) {
                return false;
            }
        }
        return true;
    }

    /** The real verifier, counting how often it is asked. */
    private ReactiveJwtDecoder counted() {
        NimbusReactiveJwtDecoder verifier = NimbusReactiveJwtDecoder.withSecretKey(KEY).macAlgorithm(MacAlgorithm.HS256).build();
        verifier.setJwtValidator(JwtValidators.createDefault());
        return token -> Mono.defer(() -> {
            verifications.incrementAndGet();
            return verifier.decode(token);
        });
    }

    private static String token(Duration lifetime) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().subject("42").audience(List.of("api"))
            .issuedAt(now.minus(Duration.ofMinutes(20))).expiresAt(now.plus(lifetime)).build();
        return sign(claims);
    }

    /** A token with the claims user.TokenIssuer puts in a buyer's. */
    private static String token(Duration lifetime, long userId, String email) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(SecurityConfig.ISSUER).audience(List.of(SecurityConfig.API_AUDIENCE))
            .subject(Long.toString(userId)).issuedAt(now).expiresAt(now.plus(lifetime))
            .claim("email", email).claim(SecurityConfig.ROLES_CLAIM, List.of("USER")).build();
        return sign(claims);
    }

    private static String sign(JwtClaimsSet claims) {
        return NimbusJwtEncoder.withSecretKey(KEY).algorithm(MacAlgorithm.HS256).build()
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
