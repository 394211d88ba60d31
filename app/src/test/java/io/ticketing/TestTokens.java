package io.ticketing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import io.ticketing.security.SecurityConfig;

/** Access tokens for synthetic users, signed with the service's own key: load tests measure the sale, not sign-ups. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String access(JwtEncoder encoder, long userId, String role) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(SecurityConfig.ISSUER).audience(List.of(SecurityConfig.API_AUDIENCE))
            .subject(Long.toString(userId)).issuedAt(now).expiresAt(now.plus(Duration.ofHours(2)))
            .claim(SecurityConfig.ROLES_CLAIM, List.of(role)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
