package io.ticketing.user;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private static final String COLUMNS = "id, email, name, password_hash, role, created_at";

    private final DatabaseClient db;

    UserRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<User> insert(String email, String name, String passwordHash, Role role, Instant createdAt) {
        return db.sql("INSERT INTO app_user (email, name, password_hash, role, created_at) VALUES (:email, :name, :hash, :role, :createdAt)")
            .bind("email", email)
            .bind("name", name)
            .bind("hash", passwordHash)
            .bind("role", role.name())
            .bind("createdAt", LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC))
            .filter(statement -> statement.returnGeneratedValues("id"))
            .map(row -> row.get("id", Long.class))
            .one()
            .map(id -> new User(id, email, name, passwordHash, role, createdAt));
    }

    Mono<User> findByEmail(String email) {
        return db.sql("SELECT " + COLUMNS + " FROM app_user WHERE email = :email")
            .bind("email", email)
            .map(UserRepository::user)
            .one();
    }

    Mono<User> findById(long id) {
        return db.sql("SELECT " + COLUMNS + " FROM app_user WHERE id = :id")
            .bind("id", id)
            .map(UserRepository::user)
            .one();
    }

    Mono<Boolean> existsByEmail(String email) {
        return db.sql("SELECT 1 FROM app_user WHERE email = :email")
            .bind("email", email)
            .map(row -> true)
            .first()
            .defaultIfEmpty(false);
    }

    private static User user(Readable row) {
        return new User(
            row.get("id", Long.class),
            row.get("email", String.class),
            row.get("name", String.class),
            row.get("password_hash", String.class),
            Role.valueOf(row.get("role", String.class)),
            row.get("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));
    }
}
