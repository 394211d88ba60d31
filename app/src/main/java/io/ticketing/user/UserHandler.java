package io.ticketing.user;

import java.time.Instant;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.ratelimit.RateLimits;
import io.ticketing.web.Requests;

@Component
class UserHandler {

    private final UserService users;
    private final Requests requests;
    private final RateLimits limits;

    UserHandler(UserService users, Requests requests, RateLimits limits) {
        this.users = users;
        this.requests = requests;
        this.limits = limits;
    }

    Mono<ServerResponse> register(ServerRequest request) {
        return limits.checkSignUp(request)
            .then(requests.body(request, NewUser.class))
            .flatMap(body -> users.register(body.email(), body.name(), body.password(), Role.USER))
            .flatMap(user -> ServerResponse.status(HttpStatus.CREATED).bodyValue(UserResponse.of(user)));
    }

    /**
     * The limits come before any password work, so that a flood of sign-ins never reaches the hashing
     * queue. The account's limit counts its sign-ins from this client's address: counted from every
     * address, a stranger's requests would use up the owner's.
     */
    Mono<ServerResponse> token(ServerRequest request) {
        return requests.body(request, Credentials.class)
            .flatMap(body -> {
                String account = Emails.canonical(body.email());
                String address = limits.address(request);
                return limits.check(RateLimits.Action.SIGN_IN, request, account + " from " + address)
                    .then(Mono.defer(() -> users.signIn(account, body.password(), address)));
            })
            .flatMap(token -> ServerResponse.ok().bodyValue(token));
    }

    Mono<ServerResponse> me(ServerRequest request) {
        return Requests.userId(request)
            .flatMap(users::find)
            .flatMap(user -> ServerResponse.ok().bodyValue(MeResponse.of(user)));
    }

    record NewUser(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 100) String name,
        @NotNull @Size(min = 8, max = 72) String password) {
    }

    /** The email's bound matches registration's, and keeps what the sign-in limits remember per email small. */
    record Credentials(@NotBlank @Size(max = 254) String email, @NotBlank String password) {
    }

    record UserResponse(long id, String email, String name, Instant createdAt) {
        static UserResponse of(User user) {
            return new UserResponse(user.id(), user.email(), user.name(), user.createdAt());
        }
    }

    record MeResponse(long id, String email, String name, String role, Instant createdAt) {
        static MeResponse of(User user) {
            return new MeResponse(user.id(), user.email(), user.name(), user.role().name(), user.createdAt());
        }
    }
}
