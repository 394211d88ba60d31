package io.ticketing.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.asyncer.r2dbc.mysql.MySqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConnectionDetails;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The drivers' TLS settings from DB_SSL_CA, without a database: what URL and options come out. */
class DatabaseTlsTest {

    private static final Path TWO_CAS = Path.of("src", "test", "resources", "tls", "two-cas.pem");

    private final ApplicationContextRunner context = new ApplicationContextRunner()
        .withUserConfiguration(TlsOnly.class)
        .withPropertyValues("spring.flyway.url=jdbc:mysql://db:3306/ticketing?sslMode=VERIFY_IDENTITY",
            "spring.flyway.user=migrator", "spring.flyway.password=secret");

    @Test
    void withoutACaFileNothingChanges() {
        context.withPropertyValues("ticketing.db.ssl-ca=")
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(ConnectionFactoryOptionsBuilderCustomizer.class)
                .doesNotHaveBean(FlywayConnectionDetails.class));
    }

    @Test
    void r2dbcReadsTheCaFile() {
        context.withPropertyValues("ticketing.db.ssl-ca=" + TWO_CAS).run(context -> {
            ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse("r2dbc:mysql://db:3306/ticketing?sslMode=VERIFY_IDENTITY").mutate();
            context.getBean(ConnectionFactoryOptionsBuilderCustomizer.class).customize(options);

            assertThat(options.build().getValue(MySqlConnectionFactoryProvider.SSL_CA)).isEqualTo(TWO_CAS.toString());
        });
    }

    @Test
    void flywayTrustsEveryCertificateOfTheCaFile() {
        context.withPropertyValues("ticketing.db.ssl-ca=" + TWO_CAS).run(context -> {
            FlywayConnectionDetails flyway = context.getBean(FlywayConnectionDetails.class);
            assertThat(flyway.getUsername()).isEqualTo("migrator");
            assertThat(flyway.getPassword()).isEqualTo("secret");

            String url = flyway.getJdbcUrl();
            assertThat(url).startsWith("jdbc:mysql://db:3306/ticketing?sslMode=VERIFY_IDENTITY&trustCertificateKeyStoreUrl=file:")
                .contains("&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=");
            Map<String, String> parameters = Stream.of(url.substring(url.indexOf('?') + 1).split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(URI.create(parameters.get("trustCertificateKeyStoreUrl"))))) {
                store.load(in, parameters.get("trustCertificateKeyStorePassword").toCharArray());
            }
            List<String> subjects = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                assertThat(store.isCertificateEntry(alias)).as("%s is a trusted certificate", alias).isTrue();
                subjects.add(((X509Certificate) store.getCertificate(alias)).getSubjectX500Principal().getName());
            }
            assertThat(subjects).containsExactlyInAnyOrder("CN=Test CA one", "CN=Test CA two");
        });
    }

    @Test
    void theTrustStoreJoinsAUrlWithOrWithoutParameters() {
        DatabaseTls.TrustStore store = new DatabaseTls.TrustStore(Path.of("/tmp/ca.p12"), "pw");

        assertThat(store.addTo("jdbc:mysql://db/ticketing"))
            .isEqualTo("jdbc:mysql://db/ticketing?trustCertificateKeyStoreUrl=file:///tmp/ca.p12&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=pw");
        assertThat(store.addTo("jdbc:mysql://db/ticketing?sslMode=VERIFY_CA")).startsWith("jdbc:mysql://db/ticketing?sslMode=VERIFY_CA&trustCertificateKeyStoreUrl=");
    }

    @Test
    void aFileWithoutCertificatesStopsTheStart(@TempDir Path directory) throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.pem"), "no certificates here\n");

        assertThatThrownBy(() -> DatabaseTls.TrustStore.from(empty, directory))
            .hasMessageContaining(empty.toString());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FlywayProperties.class)
    @Import(DatabaseTls.class)
    static class TlsOnly {
    }
}
