package io.ticketing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.ErrorResponseException;

import io.ticketing.IntegrationTest;
import io.ticketing.security.AuthProperties;
import io.ticketing.testsupport.TestPasses;

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

    /** bench/ signs its passes with test-support's TestPasses, outside the service: the service must take them. */
    @Test
    void passSignedOutsideTheServiceWithItsSecretIsAccepted(@Autowired AuthProperties auth) {
        String pass = new TestPasses(auth.jwtSecret()).pass(1, 2, clock.instant().plus(Duration.ofMinutes(10)));

        assertThatCode(() -> passes.verifyPass(pass, 1, 2)).doesNotThrowAnyException();
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
    void passWithATamperedPayloadIsRefused() {
        String genuine = pass(1, 2);
        String payload = new String(Base64.getUrlDecoder().decode(genuine.substring(0, genuine.indexOf('.'))));
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace(".1.2.", ".7.2.").getBytes())
            + genuine.substring(genuine.indexOf('.'));
        assertRefused(() -> passes.verifyPass(tampered, 7, 2), "signature does not match");
    }

    @Test
    void passSignedWithAnotherKeyIsRefused() throws Exception {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
            ("v1.pass.1.2." + Instant.now().plusSeconds(600).getEpochSecond()).getBytes());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("an-attacker-chosen-secret-of-32-bytes!".getBytes(), "HmacSHA256"));
        String forged = payload + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(Base64.getUrlDecoder().decode(payload)));
        assertRefused(() -> passes.verifyPass(forged, 1, 2), "signature does not match");
    }

    @Test
    void garbageIsRefusedNotAnError() {
        assertRefused(() -> passes.verifyPass("%%%.***", 1, 2), "not valid");
        assertRefused(() -> passes.verifyPass("a.b.c", 1, 2), "not valid");
    }

    @Test
    void streamTicketDoesNotWorkAsAPass() {
        String ticket = passes.issueStreamTicket(1, 2).value();
        assertRefused(() -> passes.verifyPass(ticket, 1, 2), "issued for something else");
    }

    @Test
    void accessTokenDoesNotWorkAsAPass() {
        String token = newUserToken();
        assertRefused(() -> passes.verifyPass(token, userId(token), 2), "not valid");
    }

    @Test
    void missingPassIsRefused() {
        assertRefused(() -> passes.verifyPass(" ", 1, 2), "required");
    }

    @Test
    void passDoesNotWorkAsAnAccessToken() {
        http.get().uri("/api/v1/users/me").header("Authorization", bearer(pass(1, 2)))
            .exchange().expectStatus().isUnauthorized()
            .expectBody();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode().value()).isEqualTo(403);
            assertThat(e.getBody().getDetail()).contains(reason);
        });
    }
}
