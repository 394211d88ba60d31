package io.ticketing.bookmark;

import static org.springdoc.core.fn.builders.apiresponse.Builder.responseBuilder;
import static org.springdoc.core.fn.builders.requestbody.Builder.requestBodyBuilder;

import org.springdoc.webflux.core.fn.SpringdocRouteBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.OpenApiConfig;

@Configuration(proxyBeanMethods = false)
class BookmarkRouter {

    @Bean
    RouterFunction<ServerResponse> bookmarkRoutes(BookmarkHandler handler) {
        return SpringdocRouteBuilder.route()
            .POST("/api/v1/bookmarks", handler::add, op -> op.operationId("addBookmark").tag("bookmarks")
                .summary("Bookmark an event (201 when new, 200 when it was already bookmarked)")
                .security(OpenApiConfig.bearer())
                .requestBody(requestBodyBuilder().implementation(BookmarkHandler.NewBookmark.class))
                .response(responseBuilder().responseCode("201").implementation(BookmarkHandler.BookmarkResponse.class)))
            .GET("/api/v1/bookmarks", handler::list, op -> op.operationId("listBookmarks").tag("bookmarks")
                .summary("My bookmarked events, keyset paginated")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("200").description("{items, nextCursor}")))
            .DELETE("/api/v1/bookmarks/{eventId}", handler::remove, op -> op.operationId("removeBookmark").tag("bookmarks")
                .summary("Remove a bookmark")
                .security(OpenApiConfig.bearer())
                .response(responseBuilder().responseCode("204")))
            .build();
    }
}
