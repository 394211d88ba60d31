package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.ErrorResponseException;

import io.ticketing.IntegrationTest;

class AdmissionPassTest extends IntegrationTest {

    @Autowired
    AdmissionPasses passes;

    private String pass(long user, long event) {
        return passes.issuePass(user, event, clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void genuinePassIsAccepted() {
        assertThatCode(() -> passes.verifyPass(pass(1, 2), 1, 2)).doesNotThrowAnyException();
    }

    @Test
    void passForAnotherEventIsRefused() {
        assertRefused(() -> passes.verifyPass(pass(1, 2), 1, 3), "another event");
    }

    @Test
    void passOfAnotherUserIsRefused() {
        assertRefused(() -> passes.verifyPass(pass(1, 2), 9, 2), "another user");
    }

    @Test
    void expiredPassIsRefused() {
        String pass = passes.issuePass(1, 2, clock.instant().plus(Duration.ofSeconds(5)));
        clock.advance(Duration.ofSeconds(6));
        assertRefused(() -> passes.verifyPass(pass, 1, 2), "expired");
    }

    @Test
    void forgedPassIsRefused() {
        var forger = NimbusJwtEncoder.withSecretKey(new SecretKeySpec("an-attacker-chosen-secret-of-32-bytes!".getBytes(), "HmacSHA256"))
            .algorithm(MacAlgorithm.HS256).build();
        String forged = forger.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
            JwtClaimsSet.builder().issuer("ticketing").audience(List.of(AdmissionPasses.PASS_AUDIENCE)).subject("1")
                .claim("event", 2).expiresAt(Instant.now().plusSeconds(600)).build())).getTokenValue();
        assertRefused(() -> passes.verifyPass(forged, 1, 2), "not valid");
    }

    @Test
    void streamTicketDoesNotWorkAsAPass() {
        String ticket = passes.issueStreamTicket(1, 2, clock.instant().plus(Duration.ofMinutes(10)));
        assertRefused(() -> passes.verifyPass(ticket, 1, 2), "issued for something else");
    }

    @Test
    void accessTokenDoesNotWorkAsAPass() {
        String token = newUserToken();
        assertRefused(() -> passes.verifyPass(token, userId(token), 2), "issued for something else");
    }

    @Test
    void missingPassIsRefused() {
        assertRefused(() -> passes.verifyPass(" ", 1, 2), "required");
    }

    @Test
    void passDoesNotWorkAsAnAccessToken() {
        http.get().uri("/api/v1/users/me").header("Authorization", bearer(pass(1, 2)))
            .exchange().expectStatus().isUnauthorized();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(403);
            assertThat(e.getBody().getDetail()).contains(reason);
        });
    }
}
