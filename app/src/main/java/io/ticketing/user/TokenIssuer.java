package io.ticketing.user;

import io.ticketing.security.AuthProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

import io.ticketing.security.SecurityConfig;

@Component
class TokenIssuer {

    private final JwtEncoder encoder;
    private final AuthProperties properties;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, AuthProperties properties, Clock clock) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    TokenResponse issue(User user) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer(SecurityConfig.ISSUER)
            .audience(List.of(SecurityConfig.API_AUDIENCE))
            .subject(Long.toString(user.id()))
            .issuedAt(now)
            .expiresAt(now.plus(properties.tokenTtl()))
            .claim("email", user.email())
            .claim(SecurityConfig.ROLES_CLAIM, List.of(user.role().name()))
            .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
        return new TokenResponse(token, "Bearer", properties.tokenTtl().toSeconds());
    }

    record TokenResponse(String accessToken, String tokenType, long expiresIn) {
    }
}
