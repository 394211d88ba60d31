package io.ticketing.web;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.fn.builders.securityrequirement.Builder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

    private static final String BEARER = "bearer";

    @Bean
    OpenAPI ticketingOpenApi() {
        return new OpenAPI()
            .info(new Info().title("Ticketing API").version("v1")
                .description("Reactive ticket sales: catalogue, waiting room and seat reservations. Errors are RFC 9457 problem details."))
            // Relative: the web server ignores X-Forwarded-Proto and -Host (application.yml), so a
            // URL built from the request would name plain http behind a TLS-terminating proxy.
            .servers(List.of(new Server().url("/")))
            .components(new Components().addSecuritySchemes(BEARER,
                new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
    }

    /** The security requirement for operations that need a bearer token. */
    public static Builder bearer() {
        return Builder.securityRequirementBuilder().name(BEARER);
    }
}
