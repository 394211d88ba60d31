package io.ticketing.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Access tokens for synthetic users, signed with the service's own key: load tests measure the
 * sale, not sign-ups. The claims are the service's (its SecurityConfig); the app's tests that sign
 * in with these tokens fail if the two ever part.
 */
public final class TestTokens {

    static final String ISSUER = "ticketing";
    static final String API_AUDIENCE = "ticketing-api";
    static final String ROLES_CLAIM = "roles";

    private TestTokens() {
    }

    public static String access(JwtEncoder encoder, long userId, String role) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(ISSUER).audience(List.of(API_AUDIENCE))
            .subject(Long.toString(userId)).issuedAt(now).expiresAt(now.plus(Duration.ofHours(2)))
            .claim(ROLES_CLAIM, List.of(role)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
