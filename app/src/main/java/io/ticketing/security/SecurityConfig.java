package io.ticketing.security;

import io.ticketing.web.Problems;
import java.time.Clock;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import io.ticketing.security.AuthProperties;

/**
 * Stateless bearer-token security: access tokens are HS256 JWTs this service signs itself, checked
 * on every request without a database or Redis round trip. Failures surface as problem details
 * through {@link ProblemDetailsHandler}, like every other error.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfig {

    public static final String ISSUER = "ticketing";
    public static final String API_AUDIENCE = "ticketing-api";
    public static final String ROLES_CLAIM = "roles";

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, ex) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            String detail = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
                ? "The bearer token is not valid: " + ex.getMessage()
                : "Sign in first: send 'Authorization: Bearer <token>' from POST /api/v1/auth/token";
            return Mono.error(Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", detail));
        };
        ServerAccessDeniedHandler forbidden = (exchange, ex) ->
            Mono.error(Problems.of(HttpStatus.FORBIDDEN, "forbidden", "This needs a role your account does not have"));

        return http
            .csrf(ServerHttpSecurity.CsrfSpec::disable)
            .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
            .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
            .logout(ServerHttpSecurity.LogoutSpec::disable)
            .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
            .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
            .authorizeExchange(exchanges -> exchanges
                .pathMatchers(HttpMethod.POST, "/api/v1/users", "/api/v1/auth/token").permitAll()
                .pathMatchers(HttpMethod.GET, "/api/v1/events", "/api/v1/events/*", "/api/v1/events/*/seats").permitAll()
                // The position stream is served beneath this chain (queue.stream.StreamRoute), and checks its own signed ticket.
                .pathMatchers(HttpMethod.POST, "/api/v1/events").hasRole("ADMIN")
                .pathMatchers("/api/v1/admin/**").hasRole("ADMIN")
                .pathMatchers("/api/**").authenticated()
                .pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                .pathMatchers("/actuator/**").hasRole("ADMIN")
                .anyExchange().permitAll())
            .oauth2ResourceServer(server -> server
                .bearerTokenConverter(new BearerTokens())
                .jwt(jwt -> jwt.jwtAuthenticationConverter(authenticationConverter()))
                .authenticationEntryPoint(unauthorized)
                .accessDeniedHandler(forbidden))
            .exceptionHandling(handling -> handling
                .authenticationEntryPoint(unauthorized)
                .accessDeniedHandler(forbidden))
            .build();
    }

    /**
     * No observation around each security filter of each request: the HTTP timer already times the
     * whole request, and with an observation registry present Spring Security would otherwise wrap
     * every filter in a decorator that costs CPU on every request even when its observations are off.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's strict firewall with its own header rules, checked by {@link HeaderChars}'
     * loops instead of regular expressions; every other rule is the default.
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderChars::nameAllowed);
        firewall.setAllowedHeaderValues(HeaderChars::valueAllowed);
        return firewall;
    }

    /**
     * A request the firewall refuses is bad input like any other: a 400 problem, not an empty 400.
     * Its detail does not repeat the firewall's message, which quotes the offending header's value
     * (a bearer token, say) into a body that proxies and logs may keep.
     */
    @Bean
    ServerExchangeRejectedHandler firewallRejections() {
        return (exchange, rejected) -> Mono.error(Problems.badRequest("The request was refused: its method, URL or a header holds"
            + " something this service does not accept (a control character, an encoded slash, period or percent sign, a semicolon)"));
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(AuthProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(properties.signingKey())
            .macAlgorithm(MacAlgorithm.HS256)
            .build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
            aud -> aud != null && aud.contains(API_AUDIENCE));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(ISSUER), audience));
        // The system clock, as the verifier's own time checks use: the service's clock may be moved in tests.
        return new VerifiedTokens(decoder, properties.verifiedTokenCache().toBytes(), Clock.systemUTC());
    }

    @Bean
    JwtEncoder jwtEncoder(AuthProperties properties) {
        return NimbusJwtEncoder.withSecretKey(properties.signingKey()).algorithm(MacAlgorithm.HS256).build();
    }

    private static ReactiveJwtAuthenticationConverterAdapter authenticationConverter() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(ROLES_CLAIM);
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }
}
