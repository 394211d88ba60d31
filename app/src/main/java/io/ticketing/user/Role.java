package io.ticketing.user;

enum Role {
    USER, ADMIN
}
