package io.ticketing.user;

import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.OpenApiConfig;

@Configuration(proxyBeanMethods = false)
class UserRouter {

    @Bean
    RouterFunction<ServerResponse> userRoutes(UserHandler handler) {
        return SpringdocRouteBuilder.route()
            .POST("/api/v1/users", handler::register, op -> op.operationId("registerUser").tag("users")
                .summary("Create an account")
                .requestBody(requestBodyBuilder().implementation(UserHandler.NewUser.class))
                .response(responseBuilder().responseCode("201").implementation(UserHandler.UserResponse.class))
                .response(responseBuilder().responseCode("409").description("Email already registered").implementation(ProblemDetail.class))
                .response(responseBuilder().responseCode("429").description("Too many sign-ups from this address").implementation(ProblemDetail.class)))
            .POST("/api/v1/auth/token", handler::token, op -> op.operationId("issueToken").tag("users")
                .summary("Exchange email and password for a bearer token")
                .requestBody(requestBodyBuilder().implementation(UserHandler.Credentials.class))
                .response(responseBuilder().responseCode("200").implementation(TokenIssuer.TokenResponse.class))
                .response(responseBuilder().responseCode("401").implementation(ProblemDetail.class))
                .response(responseBuilder().responseCode("429")
                    .description("Too many sign-ins for this account or from this address, or wrong passwords have the account waiting")
                    .implementation(ProblemDetail.class)))
            .GET("/api/v1/users/me", handler::me, op -> op.operationId("me").tag("users")
                .summary("The signed-in account")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").implementation(UserHandler.MeResponse.class)))
            .build();
    }
}
