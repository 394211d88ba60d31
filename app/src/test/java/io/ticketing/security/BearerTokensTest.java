package io.ticketing.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

/**
 * BearerTokens must read exactly what Spring Security's own converter reads with its defaults: both
 * are run on the same requests, so a change upstream fails here rather than going unnoticed.
 */
class BearerTokensTest {

    private static final String[] SCHEMES = {"Bearer ", "bearer ", "BEARER ", "BeArEr ", "Bearer  ", "Bearer", "Bearerx ", "Basic ", "", " Bearer "};
    private static final String ALPHABET = "aZ09-._~+/= \t\né%:Ωk";

    private final ServerAuthenticationConverter ours = new BearerTokens();
    private final ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();

    @Test
    void readsWhatSpringSecuritysConverterReadsOnManyGeneratedHeaders() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> differ = new ArrayList<>();
        for (int n = 0; n < 30_000; n++) {
            StringBuilder header = new StringBuilder(SCHEMES[random.nextInt(SCHEMES.length)]);
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                header.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = header.toString();
            if (!outcome(ours, text).equals(outcome(spring, text))) {
                differ.add(text + " -> ours " + outcome(ours, text) + ", Spring's " + outcome(spring, text));
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void readsTheTokenAfterTheSchemeInAnyCase() {
        assertThat(outcome(ours, "Bearer abc.DEF_123-~+/==")).isEqualTo("token abc.DEF_123-~+/==");
        assertThat(outcome(ours, "bearer xyz")).isEqualTo("token xyz");
    }

    @Test
    void anotherSchemeOrNoHeaderIsNoToken() {
        assertThat(outcome(ours, null)).isEqualTo("none");
        assertThat(outcome(ours, "Basic dXNlcjpwYXNz")).isEqualTo("none");
    }

    @Test
    void aMalformedBearerTokenIsRefused() {
        assertThat(outcome(ours, "Bearer two words")).isEqualTo("refused invalid_token: Bearer token is malformed");
        assertThat(outcome(ours, "Bearer")).isEqualTo("refused invalid_token: Bearer token is malformed");
    }

    /** What a converter makes of a request with this Authorization header (none when null). */
    private static String outcome(ServerAuthenticationConverter converter, String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/reservations");
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        return Mono.defer(() -> converter.convert(MockServerWebExchange.from(request)))
            .map(authentication -> "token " + token(authentication))
            .onErrorResume(OAuth2AuthenticationException.class, e -> Mono.just("refused " + e.getError().getErrorCode()
                + ": " + e.getError().getDescription()))
            .defaultIfEmpty("none")
            .block();
    }

    private static String token(Authentication authentication) {
        return ((BearerTokenAuthenticationToken) authentication).getToken();
    }
}
