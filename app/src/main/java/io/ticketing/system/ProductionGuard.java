package io.ticketing.system;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import io.ticketing.user.AuthProperties;

/**
 * Refuses to start a production instance on the development secrets that make a fresh clone work.
 */
@Component
@Profile("prod")
class ProductionGuard implements InitializingBean {

    private final AuthProperties auth;

    ProductionGuard(AuthProperties auth) {
        this.auth = auth;
    }

    @Override
    public void afterPropertiesSet() {
        if (AuthProperties.DEV_JWT_SECRET.equals(auth.jwtSecret())) {
            throw new IllegalStateException("Refusing to start with the prod profile: set JWT_SECRET to a secret of your own (32+ bytes)");
        }
        if (AuthProperties.DEV_ADMIN_PASSWORD.equals(auth.adminPassword())) {
            throw new IllegalStateException("Refusing to start with the prod profile: set ADMIN_PASSWORD to a password of your own");
        }
    }
}
