package io.ticketing.security;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.MediaType;

import io.ticketing.IntegrationTest;

/**
 * A token is accepted only in the compact form this service issued: a lenient Base64 decoder reads
 * endless spellings of one signature as the same bytes, and each spelling would be a verified
 * token of its own, remembered for its whole lifetime.
 */
class TokenVariantsTest extends IntegrationTest {

    static Stream<Arguments> variants() {
        return Stream.of(
            Arguments.of("a tilde in the signature", inSignature("~")),
            Arguments.of("the standard alphabet's plus for a minus in the signature", standardAlphabet('-', '+')),
            Arguments.of("the standard alphabet's slash for an underscore in the signature", standardAlphabet('_', '/')),
            Arguments.of("padding after the signature", (UnaryOperator<String>) token -> token + "="),
            Arguments.of("other unused bits in the signature's last character", (UnaryOperator<String>) TokenVariantsTest::otherTrailingBits));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void aVariantSpellingOfAValidTokenIsUnauthorized(String variant, UnaryOperator<String> spell) {
        String token = newUserToken();
        while (spell.apply(token).equals(token)) {
            // Its signature lacks the character this variant replaces: another user's token has other bytes.
            token = newUserToken();
        }

        http.get().uri("/api/v1/users/me").header("Authorization", bearer(spell.apply(token)))
            .exchange()
            .expectStatus().isUnauthorized()
            .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
            .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody().jsonPath("$.type").isEqualTo("urn:ticketing:problem:unauthorized");
        http.get().uri("/api/v1/users/me").header("Authorization", bearer(token))
            .exchange()
            .expectStatus().isOk()
            .expectBody();
    }

    private static UnaryOperator<String> inSignature(String inserted) {
        return token -> {
            int signature = token.lastIndexOf('.') + 1;
            int middle = signature + (token.length() - signature) / 2;
            return token.substring(0, middle) + inserted + token.substring(middle);
        };
    }

    /** The first {@code url} character of the signature spelled as Base64's standard alphabet spells its value; unchanged without one. */
    private static UnaryOperator<String> standardAlphabet(char url, char standard) {
        return token -> {
            int at = token.indexOf(url, token.lastIndexOf('.') + 1);
            return at < 0 ? token : token.substring(0, at) + standard + token.substring(at + 1);
        };
    }

    /** An HS256 signature is 32 bytes, 43 characters: the last one carries 2 bits that decode to nothing. */
    private static String otherTrailingBits(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int last = alphabet.indexOf(token.charAt(token.length() - 1));
        return token.substring(0, token.length() - 1) + alphabet.charAt(last ^ 1);
    }
}
