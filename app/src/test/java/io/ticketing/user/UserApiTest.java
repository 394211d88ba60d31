package io.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import io.ticketing.IntegrationTest;

@SuppressWarnings("unchecked")
class UserApiTest extends IntegrationTest {

    @Test
    void registrationReturnsTheAccountWithoutItsPassword() {
        String email = unique("ann") + "@Example.com";
        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email, "name", "Ann", "password", "correct-horse"))
            .exchange()
            .expectStatus().isCreated()
            .expectBody()
            .jsonPath("$.id").isNumber()
            .jsonPath("$.email").isEqualTo(email.toLowerCase())
            .jsonPath("$.name").isEqualTo("Ann")
            .jsonPath("$.createdAt").isNotEmpty()
            .jsonPath("$.password").doesNotExist()
            .jsonPath("$.passwordHash").doesNotExist();
    }

    @Test
    void duplicateEmailIsAConflictWhateverItsCase() {
        String email = unique("dup") + "@example.com";
        register(email).expectStatus().isCreated().expectBody();
        register(email.toUpperCase())
            .expectStatus().isEqualTo(409)
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:email-taken");
    }

    @Test
    void invalidRegistrationListsEveryBadField() {
        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", "not-an-email", "password", "short"))
            .exchange()
            .expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.errors[*].field").value(fields -> assertThat((List<Object>) fields).containsExactly("email", "name", "password"))
            .jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains("email", "name", "password"));
    }

    @Test
    void passwordOverBcryptsLimitIsRejectedNotTruncated() {
        register(unique("long") + "@example.com", "é".repeat(40))
            .expectStatus().isBadRequest()
            .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("72 bytes"));
    }

    @Test
    void rightCredentialsGiveABearerToken() {
        String email = unique("tok") + "@example.com";
        register(email).expectStatus().isCreated().expectBody();
        http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email, "password", "password-123"))
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.accessToken").isNotEmpty()
            .jsonPath("$.tokenType").isEqualTo("Bearer")
            .jsonPath("$.expiresIn").isEqualTo(3600);
    }

    @Test
    void wrongPasswordIsUnauthorized() {
        String email = unique("wrong") + "@example.com";
        register(email).expectStatus().isCreated().expectBody();
        signIn(email, "not-the-password").expectStatus().isUnauthorized()
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:invalid-credentials");
    }

    @Test
    void unknownEmailIsUnauthorizedLikeAWrongPassword() {
        signIn(unique("nobody") + "@example.com", "password-123").expectStatus().isUnauthorized()
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:invalid-credentials");
    }

    @Test
    void signInWithAnEmailLongerThanAnyAccountsIsABadRequest() {
        signIn("a".repeat(250) + "@example.com", "password-123").expectStatus().isBadRequest()
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.errors[0].field").isEqualTo("email");
    }

    @Test
    void meReturnsTheSignedInUser() {
        String email = unique("me") + "@example.com";
        register(email).expectStatus().isCreated().expectBody();
        String token = token(email, "password-123");
        http.get().uri("/api/v1/users/me").header("Authorization", bearer(token))
            .exchange()
            .expectStatus().isOk()
            .expectBody()
            .jsonPath("$.email").isEqualTo(email)
            .jsonPath("$.role").isEqualTo("USER");
    }

    @Test
    void meWithoutATokenIsUnauthorizedProblem() {
        http.get().uri("/api/v1/users/me")
            .exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody();
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected() {
        var forger = NimbusJwtEncoder.withSecretKey(new SecretKeySpec("an-attacker-chosen-secret-of-32-bytes!".getBytes(), "HmacSHA256"))
            .algorithm(MacAlgorithm.HS256).build();
        String forged = forger.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
            JwtClaimsSet.builder().issuer("ticketing").audience(List.of("ticketing-api")).subject("1")
                .claim("roles", List.of("ADMIN")).expiresAt(Instant.now().plusSeconds(600)).build())).getTokenValue();
        http.get().uri("/api/v1/users/me").header("Authorization", bearer(forged))
            .exchange()
            .expectStatus().isUnauthorized()
            .expectBody();
    }

    @Test
    void adminAccountExistsFromStartUp() {
        http.get().uri("/api/v1/users/me").header("Authorization", bearer(adminToken()))
            .exchange()
            .expectStatus().isOk()
            .expectBody().jsonPath("$.role").isEqualTo("ADMIN");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec register(String email) {
        return register(email, "password-123");
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec register(String email, String password) {
        return http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email, "name", "Someone", "password", password))
            .exchange();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec signIn(String email, String password) {
        return http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("email", email, "password", password))
            .exchange();
    }
}
