package io.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules ship as a PrometheusRule; promtool reads plain rule files. The test writes the
 * rule's {@code spec} out as one, then runs {@code promtool check rules} on it and the unit tests
 * in ticketing-rules.test.yml (each alert fed series that must, or must not, fire it). Without
 * promtool (Debian package {@code prometheus}) those two steps are skipped.
 */
class AlertRulesTest {

    private static final Path RULES = Path.of("monitoring", "prometheus", "ticketing-rules.yaml");
    private static final Path TESTS = Path.of("monitoring", "prometheus", "ticketing-rules.test.yml");
    private static final Path WORK = Path.of("target", "promtool");

    @Test
    void everyAlertHasASeverityASummaryAndADescription() throws IOException {
        for (Map<String, Object> rule : rules()) {
            if (rule.containsKey("alert")) {
                assertThat(rule).as("alert %s", rule.get("alert")).containsKeys("expr", "labels", "annotations");
                assertThat(map(rule.get("labels"))).as("labels of %s", rule.get("alert")).containsKey("severity");
                assertThat(map(rule.get("annotations"))).as("annotations of %s", rule.get("alert")).containsKeys("summary", "description");
            }
        }
    }

    @Test
    void rulesPassPromtoolCheckAndUnitTests() throws Exception {
        assumeTrue(promtool(), "promtool is not on the PATH (Debian package prometheus): skipping promtool");
        Files.createDirectories(WORK);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Files.writeString(WORK.resolve("ticketing-rules.rules.yml"), new Yaml(options).dump(spec()), StandardCharsets.UTF_8);
        Files.copy(TESTS, WORK.resolve(TESTS.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThat(run("promtool", "check", "rules", "ticketing-rules.rules.yml")).as("promtool check rules").isZero();
        assertThat(run("promtool", "test", "rules", TESTS.getFileName().toString())).as("promtool test rules").isZero();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object yaml) {
        return (Map<String, Object>) yaml;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec() throws IOException {
        Map<String, Object> rule = new Yaml().load(Files.readString(RULES));
        assertThat(rule).containsEntry("kind", "PrometheusRule");
        return (Map<String, Object>) rule.get("spec");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        return ((List<Map<String, Object>>) spec().get("groups")).stream()
            .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream())
            .toList();
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).inheritIO().start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
        return process.exitValue();
    }

    private static boolean promtool() {
        try {
            Process process = new ProcessBuilder("promtool", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
