package io.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the Terraform under infra/ lets reach the datastores and their secrets, read from the .tf
 * files as text: no provider is available to plan them here, and these are one-line facts of the
 * configuration (which security group a rule names, which ARNs a policy lists).
 */
class InfraScopeTest {

    private static final Path INFRA = Path.of("..", "infra");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theDatabaseAndTheCacheAdmitOnlyTheServicesOwnPods(String env) {
        String main = read(INFRA.resolve("envs").resolve(env).resolve("main.tf"));
        for (String datastore : List.of("mysql", "redis")) {
            assertThat(HclBlocks.attribute(HclBlocks.block(main, "module \"" + datastore + "\""), "client_security_group_id"))
                .as("%s: the security group %s admits", env, datastore)
                .isEqualTo("module.eks.app_security_group_id");
        }
        String eks = read(INFRA.resolve("modules/eks/main.tf"));
        // The group exists only on the pods a SecurityGroupPolicy gives it, which needs the CNI's pod ENIs.
        assertThat(eks).contains("resource \"aws_security_group\" \"app\"").containsPattern("ENABLE_POD_ENI\\s*=\\s*\"true\"");
        assertThat(read(INFRA.resolve("modules/eks/outputs.tf"))).contains("output \"app_security_group_id\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theExternalSecretsRoleOfTheServiceCannotReadTheMasterUsersSecret(String env) {
        String main = read(INFRA.resolve("envs").resolve(env).resolve("main.tf"));
        String readable = HclBlocks.attribute(HclBlocks.block(main, "module \"app_secrets\""), "readable_secret_arns");
        assertThat(readable).as("%s: what the service's External Secrets role may read", env)
            .contains("app_secret_arn")
            .doesNotContainPattern("module\\.mysql(\\[0\\])?\\.secret_arn");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
