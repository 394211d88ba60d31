package io.ticketing.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Reads the bearer token from the Authorization header as Spring Security's
 * {@code ServerBearerTokenAuthenticationConverter} does with its defaults: the header only, nothing
 * without a "Bearer" scheme, and the same "Bearer token is malformed" refusal. It checks the token's
 * characters with a loop instead of that converter's regular expression, and does not merge three
 * sources (header, query, form), two of them switched off, on every request: both showed in every
 * hold's profile (docs/benchmarks.md). BearerTokensTest runs both converters on the same generated
 * headers, so a change in Spring Security's is noticed.
 */
final class BearerTokens implements ServerAuthenticationConverter {

    private static final String SCHEME = "Bearer ";

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        return Mono.fromCallable(() -> token(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)))
            .map(BearerTokenAuthenticationToken::new);
    }

    /** The token; null when the request has no bearer authorization. */
    static String token(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length() - 1)) {
            return null;
        }
        if (!wellFormed(authorization)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return authorization.substring(SCHEME.length());
    }

    /** Whether the header reads {@code ^Bearer [a-zA-Z0-9-._~+/]+=*$}, the scheme's letters in any case. */
    private static boolean wellFormed(String authorization) {
        int length = authorization.length();
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        int i = SCHEME.length();
        while (i < length && tokenCharacter(authorization.charAt(i))) {
            i++;
        }
        if (i == SCHEME.length()) {
            return false;
        }
        while (i < length && authorization.charAt(i) == '=') {
            i++;
        }
        return i == length;
    }

    private static boolean tokenCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
