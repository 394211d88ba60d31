package io.ticketing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/** BearerTokens must read exactly what Spring Security's bearer token converter reads with its defaults. */
class BearerTokensTest {

    /** ServerBearerTokenAuthenticationConverter's own expression and flag. */
    private static final Pattern SPRING = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$", Pattern.CASE_INSENSITIVE);
    private static final String[] SCHEMES = {"Bearer ", "bearer ", "BEARER ", "BeArEr ", "Bearer  ", "Bearer", "Bearerx ", "Basic ", "", " Bearer "};
    private static final String ALPHABET = "aZ09-._~+/= \t\né%:Ωk";

    @Test
    void agreesWithSpringsExpressionOnManyHeaders() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> differ = new ArrayList<>();
        for (int n = 0; n < 200_000; n++) {
            StringBuilder header = new StringBuilder(SCHEMES[random.nextInt(SCHEMES.length)]);
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                header.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = header.toString();
            if (BearerTokens.wellFormed(text) != SPRING.matcher(text).matches()) {
                differ.add(text);
            }
        }
        assertThat(differ).isEmpty();
    }

    @Test
    void readsTheTokenAfterTheScheme() {
        assertThat(BearerTokens.token("Bearer abc.DEF_123-~+/==")).isEqualTo("abc.DEF_123-~+/==");
        assertThat(BearerTokens.token("bearer xyz")).isEqualTo("xyz");
    }

    @Test
    void anotherSchemeOrNoHeaderIsNoToken() {
        assertThat(BearerTokens.token(null)).isNull();
        assertThat(BearerTokens.token("Basic dXNlcjpwYXNz")).isNull();
    }

    @Test
    void aMalformedBearerTokenIsRefused() {
        assertThatThrownBy(() -> BearerTokens.token("Bearer two words"))
            .isInstanceOf(OAuth2AuthenticationException.class).hasMessageContaining("Bearer token is malformed");
        assertThatThrownBy(() -> BearerTokens.token("Bearer"))
            .isInstanceOf(OAuth2AuthenticationException.class);
    }
}
