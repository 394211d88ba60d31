package io.ticketing.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
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
    private final VerifiedTokens tokens = new VerifiedTokens(counted(), 100, clock);

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
        return NimbusJwtEncoder.withSecretKey(KEY).algorithm(MacAlgorithm.HS256).build()
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
