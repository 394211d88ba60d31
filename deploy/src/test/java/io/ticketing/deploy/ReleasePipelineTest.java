package io.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * What the GitHub Actions workflows and the release role promise, read from the files: no runner
 * or AWS account is at hand here. deploy/set-image, which the release runs, is run for real.
 */
class ReleasePipelineTest {

    private static final Path WORKFLOWS = Path.of("..", ".github", "workflows");
    private static final Path RELEASE_MODULE = Path.of("..", "infra", "modules", "github-release");
    private static final Pattern USES = Pattern.compile("^\\s*(?:-\\s+)?uses:\\s*(\\S+)");
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    private static final String REPOSITORY = "444455556666.dkr.ecr.eu-west-1.amazonaws.com/ticketing";

    @Test
    void everyActionIsPinnedToAFullCommitSha() throws IOException {
        List<String> uses = new ArrayList<>();
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher matcher = USES.matcher(line);
                    if (matcher.find()) {
                        uses.add(file.getFileName() + ": " + matcher.group(1));
                    }
                }
            }
        }
        // A tag or branch can be moved to other code; a commit cannot.
        assertThat(uses).isNotEmpty()
            .allMatch(use -> use.matches("[\\w.-]+\\.yml: [\\w.-]+/[\\w.-]+(/[\\w./-]+)?@[0-9a-f]{40}"), "pinned to a commit SHA");
    }

    @Test
    void theReleaseProposesDevAndProdTheImageByDigest(@TempDir Path copy) throws IOException, InterruptedException {
        String release = Files.readString(WORKFLOWS.resolve("release.yml"));
        assertThat(release).contains("deploy/set-image deploy/overlays/dev \"$REF\"", "deploy/set-image deploy/overlays/prod \"$REF\"");

        for (String dir : List.of("base", "components", "monitoring", "overlays")) {
            copyTree(Path.of(dir), copy.resolve(dir));
        }
        for (String overlay : List.of("dev", "prod")) {
            setImage(copy.resolve("overlays").resolve(overlay), REPOSITORY + "@" + DIGEST);
            String kustomization = Files.readString(copy.resolve("overlays").resolve(overlay).resolve("kustomization.yaml"));
            assertThat(kustomization).as(overlay)
                .contains("    newName: " + REPOSITORY + "\n", "    digest: " + DIGEST + "\n")
                .doesNotContain("newTag:");
            if (RenderedManifestsTest.KUBECTL) {
                assertThat(RenderedManifestsTest.render(copy.resolve("overlays").resolve(overlay)))
                    .as("%s rendered", overlay).contains("image: " + REPOSITORY + "@" + DIGEST + "\n");
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prodIsProposedOnlyOnceApprovedAndOnceDevRunsTheImageHealthy() throws IOException {
        Map<String, Map<String, Object>> jobs = jobs(Files.readString(WORKFLOWS.resolve("release.yml")));
        Map<String, Object> prod = jobs.get("prod");

        assertThat((List<Object>) prod.get("needs")).contains("image", "dev");
        assertThat(prod.get("environment")).isEqualTo("production");
        assertThat(String.valueOf(prod.get("if"))).contains("refs/tags/v");
        List<String> runs = ((List<?>) prod.get("steps")).stream()
            .map(step -> String.valueOf(((Map<?, ?>) step).get("run"))).toList();
        int check = indexOf(runs, "ticketing-dev");
        assertThat(runs.get(check)).contains("Synced", "Healthy", "$DIGEST");
        assertThat(check).as("dev is checked before overlays/prod is touched").isLessThan(indexOf(runs, "overlays/prod"));
    }

    @Test
    void onlyTheJobThatPushesTheImageGetsAnOidcToken() throws IOException {
        Map<String, Map<String, Object>> jobs = jobs(Files.readString(WORKFLOWS.resolve("release.yml")));

        jobs.forEach((name, job) -> assertThat(((Map<?, ?>) job.get("permissions")).get("id-token"))
            .as("id-token of job %s", name).isEqualTo(name.equals("image") ? "write" : null));
        // A job with an environment presents another subject, which the role does not trust.
        assertThat(jobs.get("image")).doesNotContainKey("environment");
    }

    @Test
    void theReleaseRoleTrustsOnlyThisRepositorysMainAndReleaseTags() throws IOException {
        String main = Files.readString(RELEASE_MODULE.resolve("main.tf"));
        String trust = HclBlocks.block(main, "data \"aws_iam_policy_document\" \"assume\"");

        assertThat(trust).containsPattern("variable\\s*=\\s*\"token.actions.githubusercontent.com:aud\"\\s*values\\s*=\\s*\\[\"sts.amazonaws.com\"\\]")
            .containsPattern("variable\\s*=\\s*\"token.actions.githubusercontent.com:sub\"\\s*values\\s*=\\s*local.subjects\\s");
        assertThat(HclBlocks.attribute(HclBlocks.block(main, "locals"), "subjects"))
            .isEqualTo("[for ref in var.refs : \"repo:${var.github_repository}:ref:${ref}\"]");
        assertThat(main).doesNotContain("repo:*");

        String variables = Files.readString(RELEASE_MODULE.resolve("variables.tf"));
        assertThat(HclBlocks.attribute(HclBlocks.block(variables, "variable \"refs\""), "default"))
            .isEqualTo("[\"refs/heads/main\", \"refs/tags/v*\"]");
        assertThat(HclBlocks.attribute(HclBlocks.block(variables, "variable \"github_repository\""), "condition"))
            .isEqualTo("can(regex(\"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$\", var.github_repository))");

        String prod = Files.readString(Path.of("..", "infra", "envs", "prod", "main.tf"));
        String module = HclBlocks.block(prod, "module \"github_release\"");
        assertThat(HclBlocks.attribute(module, "github_repository")).isEqualTo("var.github_repository");
        assertThat(HclBlocks.attribute(module, "repository_arns")).isEqualTo("[module.registry.repository_arns[\"ticketing\"]]");
        assertThat(HclBlocks.attribute(HclBlocks.block(Files.readString(Path.of("..", "infra", "envs", "prod", "variables.tf")),
            "variable \"github_repository\""), "default")).isEqualTo("\"ticketing/ticketing\"");
    }

    @Test
    void theReleaseRoleMayPushToTheGivenRepositoriesOnly() throws IOException {
        String push = HclBlocks.block(Files.readString(RELEASE_MODULE.resolve("main.tf")), "data \"aws_iam_policy_document\" \"push\"");

        // The one action ECR cannot scope to a repository; everything else names the repositories.
        assertThat(push.split("resources\\s*=\\s*\\[\"\\*\"\\]", -1)).hasSize(2);
        assertThat(push).containsPattern("actions\\s*=\\s*\\[\"ecr:GetAuthorizationToken\"\\]\\s*resources\\s*=\\s*\\[\"\\*\"\\]")
            .containsPattern("resources\\s*=\\s*var.repository_arns")
            .doesNotContain("ecr:*", "Delete", "iam:");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> jobs(String workflow) {
        return (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(workflow).get("jobs");
    }

    private static int indexOf(List<String> runs, String text) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no step runs " + text);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** Runs deploy/set-image as the release workflow does. */
    private static void setImage(Path overlay, String image) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "set-image", overlay.toString(), image).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).withFailMessage(() -> "set-image " + overlay + " failed:\n" + output).isZero();
    }
}
