package io.ticketing.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;

import io.ticketing.system.Problems;
import io.ticketing.system.SecurityConfig;
import io.ticketing.user.AuthProperties;

/**
 * Signed grants bound to one user and one event, checked by any instance with the shared key
 * alone, without a Redis round trip:
 * <ul>
 * <li>the <b>admission pass</b>, required on every seat hold;</li>
 * <li>the <b>stream ticket</b> in the SSE URL, since a browser's {@code EventSource} cannot send an
 * Authorization header.</li>
 * </ul>
 * Each has its own audience, and both differ from the access token's, so none works as another.
 */
@Component
public class AdmissionPasses {

    static final String PASS_AUDIENCE = "ticketing-admission";
    static final String STREAM_AUDIENCE = "ticketing-queue-stream";
    private static final String EVENT_CLAIM = "event";

    private final JwtEncoder encoder;
    private final JwtDecoder decoder;

    AdmissionPasses(JwtEncoder encoder, AuthProperties auth, Clock clock) {
        this.encoder = encoder;
        NimbusJwtDecoder nimbus = NimbusJwtDecoder.withSecretKey(auth.signingKey()).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
        expiry.setClock(clock);
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(expiry, new JwtIssuerValidator(SecurityConfig.ISSUER)));
        this.decoder = nimbus;
    }

    String issuePass(long userId, long eventId, Instant expiresAt) {
        return issue(PASS_AUDIENCE, userId, eventId, expiresAt);
    }

    String issueStreamTicket(long userId, long eventId, Instant expiresAt) {
        return issue(STREAM_AUDIENCE, userId, eventId, expiresAt);
    }

    /**
     * Checks that {@code pass} is genuine, unexpired and was issued to this user for this event.
     *
     * @throws org.springframework.web.ErrorResponseException 403 with the reason otherwise
     */
    public void verifyPass(String pass, long userId, long eventId) {
        if (pass == null || pass.isBlank()) {
            throw refused("admission-required", "An admission pass is required: enter the waiting room first");
        }
        Jwt jwt = decode(pass, PASS_AUDIENCE, eventId, "admission-required", "The admission pass");
        if (!Long.toString(userId).equals(jwt.getSubject())) {
            throw refused("admission-required", "The admission pass belongs to another user");
        }
    }

    /** The user a stream ticket was issued to, once it is checked to be genuine, unexpired and for this event. */
    long verifyStreamTicket(String ticket, long eventId) {
        if (ticket == null || ticket.isBlank()) {
            throw Problems.of(HttpStatus.UNAUTHORIZED, "stream-ticket", "The stream URL needs its 'ticket' parameter; take streamUrl from POST /api/v1/events/{id}/queue");
        }
        Jwt jwt = decode(ticket, STREAM_AUDIENCE, eventId, "stream-ticket", "The stream ticket");
        return Long.parseLong(jwt.getSubject());
    }

    private Jwt decode(String token, String audience, long eventId, String slug, String what) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token.strip());
        }
        catch (JwtException e) {
            throw refused(slug, what + " is not valid: " + e.getMessage());
        }
        if (jwt.getAudience() == null || !jwt.getAudience().contains(audience)) {
            throw refused(slug, what + " is not valid: it was issued for something else");
        }
        Object event = jwt.getClaims().get(EVENT_CLAIM);
        if (!(event instanceof Number n) || n.longValue() != eventId) {
            throw refused(slug, what + " is for another event");
        }
        return jwt;
    }

    private String issue(String audience, long userId, long eventId, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder()
            .issuer(SecurityConfig.ISSUER)
            .audience(List.of(audience))
            .subject(Long.toString(userId))
            .claim(EVENT_CLAIM, eventId)
            .expiresAt(expiresAt)
            .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    private static RuntimeException refused(String slug, String detail) {
        return Problems.of(HttpStatus.FORBIDDEN, slug, detail);
    }
}
