package io.ticketing.security;

import java.net.URI;
import java.time.Duration;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;

/**
 * The headers Spring Security's chain adds to a response ({@code X-Content-Type-Options},
 * {@code Cache-Control}, {@code X-Frame-Options}, over TLS {@code Strict-Transport-Security}, …), for
 * a route served beneath that chain (the position stream), which has no exchange to run the chain's
 * header writer on. They are what that writer wrote, at start-up, on a response to a plain and to a
 * TLS request, so that they follow the security configuration instead of copying it.
 */
@Component
public class SecurityHeaders {

    private final HttpHeaders plain;
    private final HttpHeaders overTls;

    SecurityHeaders(SecurityWebFilterChain chain) {
        HttpHeaderWriterWebFilter writer = chain.getWebFilters()
            .ofType(HttpHeaderWriterWebFilter.class)
            .toStream()
            .findFirst()
            .orElse(null);
        this.plain = written(writer, URI.create("http://localhost/"));
        this.overTls = written(writer, URI.create("https://localhost/"));
    }

    /** Adds the headers the security chain adds to a response to {@code request}; call before the response has any of them. */
    public void write(ServerHttpRequest request, ServerHttpResponse response) {
        response.getHeaders().addAll("https".equalsIgnoreCase(request.getURI().getScheme()) ? overTls : plain);
    }

    /** What {@code writer} adds to a 200 response to a GET of {@code uri}; the writer's operators are synchronous, and this is start-up. */
    private static HttpHeaders written(HttpHeaderWriterWebFilter writer, URI uri) {
        HttpHeaders written = new HttpHeaders();
        // No writer in the chain: its headers switched off, for every response alike.
        if (writer == null) {
            return written;
        }
        Probe response = new Probe();
        DefaultServerWebExchange exchange = new DefaultServerWebExchange(new ProbeRequest(uri), response, new DefaultWebSessionManager(),
            ServerCodecConfigurer.create(), new AcceptHeaderLocaleContextResolver());
        response.setStatusCode(HttpStatus.OK);
        writer.filter(exchange, done -> Mono.empty()).then(response.setComplete()).block(Duration.ofSeconds(5));
        written.addAll(response.getHeaders());
        return written;
    }

    private static final class ProbeRequest extends AbstractServerHttpRequest {

        ProbeRequest(URI uri) {
            super(HttpMethod.GET, uri, "", new HttpHeaders());
        }

        @Override
        protected MultiValueMap<String, HttpCookie> initCookies() {
            return new LinkedMultiValueMap<>();
        }

        @Override
        protected SslInfo initSslInfo() {
            return null;
        }

        @Override
        public <T> T getNativeRequest() {
            throw new UnsupportedOperationException("A probe has no native request");
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return Flux.empty();
        }
    }

    private static final class Probe extends AbstractServerHttpResponse {

        Probe() {
            super(DefaultDataBufferFactory.sharedInstance);
        }

        @Override
        public <T> T getNativeResponse() {
            throw new UnsupportedOperationException("A probe has no native response");
        }

        @Override
        protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
            return Mono.empty();
        }

        @Override
        protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            return Mono.empty();
        }

        @Override
        protected void applyStatusCode() {
        }

        @Override
        protected void applyHeaders() {
        }

        @Override
        protected void applyCookies() {
        }
    }
}
