package io.ticketing.user;

import java.time.Instant;

record User(long id, String email, String name, String passwordHash, Role role, Instant createdAt) {
}
