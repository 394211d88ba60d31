package io.ticketing.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;

import io.asyncer.r2dbc.mysql.MySqlConnectionFactoryProvider;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CA certificates MySQL's server certificate is checked against, when {@code ticketing.db.ssl-ca}
 * (DB_SSL_CA) names a PEM file: in prod the RDS CA bundle, with {@code ticketing.db.ssl-mode}
 * (DB_SSL_MODE) VERIFY_IDENTITY. The mode itself is in both URLs in application.yml. r2dbc-mysql
 * reads the PEM file itself; Connector/J, which Flyway's migrations use, reads only key stores, so
 * the certificates are copied into a PKCS#12 trust store in the temporary directory, whose URL joins
 * the migrations' JDBC URL. Without a CA file none of this exists and the JVM's trust store applies.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${ticketing.db.ssl-ca:}'.isBlank()")
class DatabaseTls {

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer r2dbcServerCa(@Value("${ticketing.db.ssl-ca}") String caFile) {
        return options -> options.option(MySqlConnectionFactoryProvider.SSL_CA, caFile);
    }

    /** Flyway's URL, user and password as configured, with the trust store made from the CA file. */
    @Bean
    FlywayConnectionDetails flywayConnectionDetails(ObjectProvider<FlywayProperties> flyway,
                                                    @Value("${ticketing.db.ssl-ca}") String caFile) {
        TrustStore trustStore = TrustStore.from(Path.of(caFile), Path.of(System.getProperty("java.io.tmpdir")));
        return new FlywayConnectionDetails() {
            @Override
            public String getUsername() {
                return flyway.getObject().getUser();
            }

            @Override
            public String getPassword() {
                return flyway.getObject().getPassword();
            }

            @Override
            public String getJdbcUrl() {
                return trustStore.addTo(flyway.getObject().getUrl());
            }
        };
    }

    /** A PKCS#12 file holding only trusted certificates, and the password that opens it. */
    record TrustStore(Path file, String password) {

        /** Every certificate of a PEM file (a CA bundle holds many) in a new trust store in the directory. */
        static TrustStore from(Path pem, Path directory) {
            try (InputStream in = Files.newInputStream(pem)) {
                Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (certificates.isEmpty()) {
                    throw new IllegalStateException("No certificate in " + pem + " (DB_SSL_CA)");
                }
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int n = 0;
                for (Certificate certificate : certificates) {
                    store.setCertificateEntry("mysql-ca-" + n++, certificate);
                }
                // It holds public certificates only; the password is there because PKCS#12 wants one.
                byte[] random = new byte[16];
                new SecureRandom().nextBytes(random);
                String password = HexFormat.of().formatHex(random);
                Path file = Files.createTempFile(directory, "mysql-ca-", ".p12");
                file.toFile().deleteOnExit();
                try (OutputStream out = Files.newOutputStream(file)) {
                    store.store(out, password.toCharArray());
                }
                return new TrustStore(file, password);
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read the MySQL CA certificates from " + pem + " (DB_SSL_CA)", e);
            }
            catch (GeneralSecurityException e) {
                throw new IllegalStateException("Cannot make a trust store of the MySQL CA certificates in " + pem, e);
            }
        }

        /** Connector/J's parameters for this trust store, added to a JDBC URL. */
        String addTo(String jdbcUrl) {
            return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?")
                + "trustCertificateKeyStoreUrl=" + file.toUri()
                + "&trustCertificateKeyStoreType=PKCS12"
                + "&trustCertificateKeyStorePassword=" + password;
        }
    }
}
