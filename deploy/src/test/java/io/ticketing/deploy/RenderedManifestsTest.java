package io.ticketing.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Renders every overlay under deploy/overlays with {@code kubectl kustomize} and checks the
 * rendered objects with {@link ManifestChecker}. Without kubectl on the PATH the rendering tests
 * are skipped; the checker's own tests still run.
 */
class RenderedManifestsTest {

    private static final Path OVERLAYS = Path.of("overlays");
    private static final Path COMPONENTS = Path.of("components");
    private static final Path ARGOCD = Path.of("argocd");
    static final boolean KUBECTL = kubectlAvailable();
    private static final String NO_KUBECTL = "kubectl is not on the PATH: skipping the rendering of deploy/overlays";

    private final ManifestChecker checker = new ManifestChecker();

    @TestFactory
    Stream<DynamicTest> everyOverlayRendersAndFollowsTheRules() throws IOException {
        List<Path> overlays = overlays();
        assertThat(overlays).extracting(dir -> dir.getFileName().toString()).contains("dev", "prod");
        return overlays.stream().map(overlay -> dynamicTest(overlay.getFileName().toString(), () -> {
            assumeTrue(KUBECTL, NO_KUBECTL);
            List<Map<String, Object>> objects = ManifestChecker.parse(render(overlay));
            assertThat(objects).as("objects rendered from %s", overlay).isNotEmpty();
            List<String> violations = checker.check(objects);
            assertThat(violations)
                .withFailMessage(() -> overlay + " breaks the manifest rules:\n  " + String.join("\n  ", violations))
                .isEmpty();
        }));
    }

    @Test
    void prodTakesItsSecretsFromTheSecretStoreAndItsImageFromTheRegistry() throws IOException {
        assumeTrue(KUBECTL, NO_KUBECTL);
        List<Map<String, Object>> objects = ManifestChecker.parse(render(OVERLAYS.resolve("prod")));

        assertThat(objects).noneMatch(object -> "Secret".equals(object.get("kind")));
        assertThat(objects).filteredOn(object -> "ExternalSecret".equals(object.get("kind")))
            .extracting(object -> path(object, "spec", "target", "name"))
            .containsExactlyInAnyOrder("ticketing-secrets", "ticketing-migration-secrets");
        // The service logs in as its own user; the master user's secret is the bootstrap Job's alone.
        assertThat(objects).filteredOn(object -> "ExternalSecret".equals(object.get("kind")))
            .flatExtracting(object -> (List<?>) path(object, "spec", "data"))
            .extracting(data -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) data).get("remoteRef")).get("key")))
            .isNotEmpty().doesNotContain("ticketing/prod/db");
        assertThat(objects).filteredOn(object -> "Deployment".equals(object.get("kind")))
            .extracting(object -> String.valueOf(
                ((Map<?, ?>) ((List<?>) path(object, "spec", "template", "spec", "containers")).get(0)).get("image")))
            .singleElement().asString().contains(".dkr.ecr.").doesNotStartWith("ghcr.io/");
        assertThat(objects).filteredOn(object -> "HorizontalPodAutoscaler".equals(object.get("kind")))
            .extracting(object -> path(object, "spec", "minReplicas"))
            .singleElement().satisfies(min -> assertThat((Integer) min).isGreaterThanOrEqualTo(2));
    }

    @Test
    void devRunsTheProdProfileOnSecretsGeneratedInItsClusterNeverOnCommittedOnes() throws IOException {
        assumeTrue(KUBECTL, NO_KUBECTL);
        List<Map<String, Object>> objects = ManifestChecker.parse(render(OVERLAYS.resolve("dev")));
        assertThat(config(objects).get("SPRING_PROFILES_ACTIVE")).isEqualTo("prod");

        assertThat(objects).as("Secrets rendered from the repository").noneMatch(object -> "Secret".equals(object.get("kind")));
        Map<Object, Map<String, Object>> generated = objects.stream()
            .filter(object -> "ExternalSecret".equals(object.get("kind")))
            .collect(Collectors.toMap(object -> path(object, "spec", "target", "name"), object -> object));
        assertThat(secretsReadByPods(objects)).isNotEmpty().allSatisfy(secret -> {
            assertThat(generated).as("an ExternalSecret making %s", secret).containsKey(secret);
            assertThat((List<?>) path(generated.get(secret), "spec", "dataFrom")).as("where %s comes from", secret)
                .isNotEmpty()
                .allSatisfy(source -> assertThat(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) source).get("sourceRef")).get("generatorRef")).get("kind"))
                    .as("a generator in the cluster").isEqualTo("Password"));
            assertThat(path(generated.get(secret), "spec", "data")).as("%s read from a store", secret).isNull();
        });
        assertThat(generatedKeys(generated.get("ticketing-secrets")))
            .containsExactlyInAnyOrder("DB_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET", "ADMIN_PASSWORD");
    }

    /** The names of the Secrets the pods read, through envFrom or secretKeyRef. */
    private static List<String> secretsReadByPods(List<Map<String, Object>> objects) {
        return objects.stream()
            .map(object -> path(object, "spec", "template", "spec", "containers"))
            .filter(List.class::isInstance)
            .flatMap(containers -> ((List<?>) containers).stream().map(container -> (Map<?, ?>) container))
            .flatMap(container -> Stream.concat(
                container.get("envFrom") instanceof List<?> from
                    ? from.stream().map(source -> ((Map<?, ?>) source).get("secretRef")) : Stream.empty(),
                container.get("env") instanceof List<?> env
                    ? env.stream().map(variable -> ((Map<?, ?>) variable).get("valueFrom"))
                        .filter(Map.class::isInstance).map(from -> ((Map<?, ?>) from).get("secretKeyRef"))
                    : Stream.empty()))
            .filter(Map.class::isInstance)
            .map(reference -> String.valueOf(((Map<?, ?>) reference).get("name")))
            .distinct().toList();
    }

    /** The keys an ExternalSecret's generators are rewritten to. */
    private static List<String> generatedKeys(Map<String, Object> externalSecret) {
        return ((List<?>) path(externalSecret, "spec", "dataFrom")).stream()
            .flatMap(source -> ((List<?>) ((Map<?, ?>) source).get("rewrite")).stream())
            .map(rewrite -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) rewrite).get("regexp")).get("target")))
            .toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void prodGivesTheServicesPodsTheSecurityGroupTheDatastoresAdmit() throws IOException {
        assumeTrue(KUBECTL, NO_KUBECTL);
        List<Map<String, Object>> objects = ManifestChecker.parse(render(OVERLAYS.resolve("prod")));
        Map<Object, Object> podLabels = objects.stream().filter(object -> "Deployment".equals(object.get("kind")))
            .map(object -> (Map<Object, Object>) path(object, "spec", "template", "metadata", "labels")).findFirst().orElseThrow();

        assertThat(objects).filteredOn(object -> "SecurityGroupPolicy".equals(object.get("kind")))
            .singleElement()
            .satisfies(policy -> {
                assertThat(policy.get("apiVersion")).isEqualTo("vpcresources.k8s.aws/v1beta1");
                Map<Object, Object> selector = (Map<Object, Object>) path(policy, "spec", "podSelector", "matchLabels");
                assertThat(selector).isEqualTo(Map.of("app.kubernetes.io/name", "ticketing"));
                assertThat(podLabels).containsAllEntriesOf(selector);
                assertThat((List<?>) path(policy, "spec", "securityGroups", "groupIds")).singleElement().asString().startsWith("sg-");
            });
    }

    @Test
    @SuppressWarnings("unchecked")
    void prodScalesOnOpenStreamsPerPodThroughAMetricThePrometheusAdapterServes() throws IOException {
        assumeTrue(KUBECTL, NO_KUBECTL);
        Map<String, Object> adapter = ManifestChecker.parse(read(Path.of("monitoring", "prometheus-adapter-values.yaml"))).get(0);
        List<String> served = ((List<?>) path(adapter, "rules", "custom")).stream()
            .map(rule -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) rule).get("name")).get("as")))
            .toList();
        List<String> scaledOn = ManifestChecker.parse(render(OVERLAYS.resolve("prod"))).stream()
            .filter(object -> "HorizontalPodAutoscaler".equals(object.get("kind")))
            .flatMap(hpa -> ((List<?>) path(hpa, "spec", "metrics")).stream().map(metric -> (Map<String, Object>) metric))
            .filter(metric -> "Pods".equals(metric.get("type")))
            .map(metric -> String.valueOf(path(metric, "pods", "metric", "name")))
            .toList();

        assertThat(scaledOn).containsExactly("ticketing_queue_streams_open");
        assertThat(served).containsAll(scaledOn);
    }

    @Test
    @SuppressWarnings("unchecked")
    void prodVerifiesTheDatabaseServerAgainstTheMountedRdsCertificateAuthorities() throws IOException {
        assumeTrue(KUBECTL, NO_KUBECTL);
        List<Map<String, Object>> objects = ManifestChecker.parse(render(OVERLAYS.resolve("prod")));
        Map<?, ?> config = config(objects);
        assertThat(config.get("DB_SSL_MODE")).isEqualTo("VERIFY_IDENTITY");
        String caFile = String.valueOf(config.get("DB_SSL_CA"));

        Map<String, Object> pod = objects.stream().filter(object -> "Deployment".equals(object.get("kind")))
            .map(object -> (Map<String, Object>) path(object, "spec", "template", "spec")).findFirst().orElseThrow();
        Map<?, ?> container = (Map<?, ?>) ((List<?>) pod.get("containers")).get(0);
        Map<?, ?> mount = ((List<?>) container.get("volumeMounts")).stream().map(m -> (Map<?, ?>) m)
            .filter(m -> caFile.startsWith(m.get("mountPath") + "/")).findFirst()
            .orElseThrow(() -> new AssertionError("no volume mounted where DB_SSL_CA " + caFile + " is"));
        assertThat(((List<?>) pod.get("volumes")).stream().map(v -> (Map<?, ?>) v)
            .filter(volume -> volume.get("name").equals(mount.get("name"))))
            .singleElement().extracting(volume -> ((Map<?, ?>) volume.get("configMap")).get("name"))
            .isEqualTo("rds-ca-bundle");
    }

    @Test
    void everyOverlayBelievesForwardedAddressesOnlyFromItsOwnProxies() throws IOException {
        assumeTrue(KUBECTL, NO_KUBECTL);
        for (Path overlay : overlays()) {
            List<Map<String, Object>> objects = ManifestChecker.parse(render(overlay));
            // Netty's own forwarded-header support believes any client; the service's trusted-proxy list does not.
            assertThat(config(objects).containsKey("SERVER_FORWARDHEADERSSTRATEGY")).as("%s sets SERVER_FORWARDHEADERSSTRATEGY", overlay).isFalse();
            assertThat(trustedProxies(objects))
                .as("%s's trusted proxies", overlay)
                .noneMatch(block -> block.endsWith("/0"));
        }
    }

    /** The data of the service's ConfigMap. */
    private static Map<?, ?> config(List<Map<String, Object>> objects) {
        return objects.stream()
            .filter(object -> "ConfigMap".equals(object.get("kind")))
            .filter(object -> String.valueOf(path(object, "metadata", "name")).startsWith("ticketing-config"))
            .map(object -> (Map<?, ?>) object.get("data"))
            .findFirst().orElseThrow();
    }

    private static List<String> trustedProxies(List<Map<String, Object>> objects) {
        return Stream.of(String.valueOf(config(objects).get("TICKETING_RATELIMITS_TRUSTEDPROXIES")).split(","))
            .map(String::strip).filter(block -> !block.isEmpty()).toList();
    }

    @Test
    void everyOverlayDeniesAllTrafficThatNoPolicyAllows() throws IOException {
        assumeTrue(KUBECTL, NO_KUBECTL);
        for (Path overlay : overlays()) {
            assertThat(ManifestChecker.requiresDefaultDeny(ManifestChecker.parse(render(overlay)))).as("%s", overlay).isEmpty();
        }
    }

    @Test
    void everyOverlayLetsInTheLoadBalancerWhoseForwardedAddressesItBelieves() throws IOException {
        assumeTrue(KUBECTL, NO_KUBECTL);
        for (Path overlay : overlays()) {
            List<Map<String, Object>> objects = ManifestChecker.parse(render(overlay));
            List<String> allowed = objects.stream()
                .filter(object -> "NetworkPolicy".equals(object.get("kind")))
                .filter(object -> "ticketing-from-load-balancer".equals(path(object, "metadata", "name")))
                .flatMap(object -> ((List<?>) path(object, "spec", "ingress")).stream())
                .flatMap(rule -> ((List<?>) ((Map<?, ?>) rule).get("from")).stream())
                .map(peer -> String.valueOf(((Map<?, ?>) ((Map<?, ?>) peer).get("ipBlock")).get("cidr")))
                .toList();
            assertThat(allowed).as("%s: the load balancer's subnets in ticketing-from-load-balancer", overlay)
                .containsExactlyInAnyOrderElementsOf(trustedProxies(objects));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachArgoCdApplicationHasAProjectOfItsOwnThatAllowsOnlyItsNamespaceAndWhatItRenders() throws IOException {
        assumeTrue(KUBECTL, NO_KUBECTL);
        List<Map<String, Object>> argo;
        try (Stream<Path> files = Files.list(ARGOCD)) {
            argo = files.filter(file -> !file.endsWith("kustomization.yaml"))
                .map(RenderedManifestsTest::read)
                .flatMap(yaml -> ManifestChecker.parse(yaml).stream())
                .toList();
        }
        Map<Object, Map<String, Object>> projects = argo.stream().filter(object -> "AppProject".equals(object.get("kind")))
            .collect(Collectors.toMap(project -> path(project, "metadata", "name"), project -> project));
        List<Map<String, Object>> applications = argo.stream().filter(object -> "Application".equals(object.get("kind"))).toList();
        assertThat(applications).isNotEmpty();
        assertThat(applications).extracting(application -> path(application, "spec", "project"))
            .as("the Applications' projects, one each").doesNotHaveDuplicates();

        for (Map<String, Object> application : applications) {
            Map<String, Object> project = projects.get(path(application, "spec", "project"));
            assertThat(project).as("the project of %s", path(application, "metadata", "name")).isNotNull();
            Object namespace = path(application, "spec", "destination", "namespace");
            assertThat((List<Object>) path(project, "spec", "destinations"))
                .as("where project %s may deploy", path(project, "metadata", "name"))
                .containsExactly(Map.of("server", path(application, "spec", "destination", "server"), "namespace", namespace));

            List<String> clusterKinds = kinds(project, "clusterResourceWhitelist");
            List<String> allowed = Stream.concat(clusterKinds.stream(), kinds(project, "namespaceResourceWhitelist").stream()).toList();
            Path overlay = Path.of("..").resolve(String.valueOf(path(application, "spec", "source", "path")));
            for (Map<String, Object> object : ManifestChecker.parse(render(overlay))) {
                String kind = group(String.valueOf(object.get("apiVersion"))) + "/" + object.get("kind");
                assertThat(allowed).as("project %s's whitelist, for %s", path(project, "metadata", "name"), overlay).contains(kind);
                if (!clusterKinds.contains(kind)) {
                    assertThat(path(object, "metadata", "namespace")).as("the namespace of %s %s", kind, path(object, "metadata", "name"))
                        .isEqualTo(namespace);
                }
            }
        }
    }

    private static List<String> kinds(Map<String, Object> project, String whitelist) {
        return ((List<?>) path(project, "spec", whitelist)).stream()
            .map(entry -> ((Map<?, ?>) entry).get("group") + "/" + ((Map<?, ?>) entry).get("kind"))
            .toList();
    }

    @Test
    void everyComponentIsRenderedByAnOverlay() throws IOException {
        String overlayFiles = overlays().stream()
            .map(dir -> read(dir.resolve("kustomization.yaml")))
            .flatMap(String::lines)
            .filter(line -> !line.strip().startsWith("#"))
            .collect(Collectors.joining("\n"));
        try (Stream<Path> components = Files.list(COMPONENTS)) {
            assertThat(components.filter(Files::isDirectory).map(dir -> "components/" + dir.getFileName()))
                .allSatisfy(component -> assertThat(overlayFiles).as("an overlay using " + component)
                    .contains(component));
        }
    }

    @Test
    void theCheckerReportsABadManifest() {
        List<Map<String, Object>> objects = ManifestChecker.parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: careless
            spec:
              template:
                spec:
                  initContainers:
                    - name: setup
                      image: busybox
                  containers:
                    - name: web
                      image: nginx:latest
                      securityContext:
                        runAsNonRoot: false
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: shell
            spec:
              type: NodePort
              ports:
                - port: 22
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: hardcoded
            stringData:
              password: hunter2
            """);

        List<String> violations = checker.check(objects);

        assertThat(violations).contains(
            "Deployment careless, container web: image nginx:latest uses the :latest tag",
            "Deployment careless, container web: no livenessProbe",
            "Deployment careless, container web: no readinessProbe",
            "Deployment careless, container web: no resources.limits.memory",
            "Deployment careless, container web: runAsNonRoot is not true (pod or container securityContext)",
            "Deployment careless, container web: securityContext.readOnlyRootFilesystem is not true",
            "Deployment careless, container web: securityContext.capabilities.drop does not contain ALL",
            "Deployment careless, container setup: image busybox has no tag",
            "Deployment careless, container setup: securityContext.allowPrivilegeEscalation is not false",
            "Service shell: a NodePort Service exposes SSH (port 22)");
        assertThat(violations).anyMatch(violation -> violation.startsWith("Secret hardcoded: "));
        // Probes are for long-running containers: not for init containers.
        assertThat(violations).noneMatch(violation -> violation.contains("container setup: no livenessProbe"));
    }

    @Test
    void theCheckerKeepsTheManagementPortOffPublicServicesAndIngresses() {
        List<Map<String, Object>> objects = ManifestChecker.parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      ports:
                        - {name: http, containerPort: 8080}
                        - {name: management, containerPort: 8081}
                      livenessProbe:
                        httpGet: {path: /actuator/health/liveness, port: http}
                      readinessProbe:
                        httpGet: {path: /actuator/health/readiness, port: management}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: public
            spec:
              ports:
                - {name: http, port: 80, targetPort: http}
                - {name: metrics, port: 8081, targetPort: 8081}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: api-metrics
              labels:
                app.kubernetes.io/component: metrics
            spec:
              ports:
                - {name: management, port: 8081, targetPort: management}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              name: entry
            spec:
              rules:
                - http:
                    paths:
                      - path: /actuator
                        pathType: Prefix
                        backend:
                          service: {name: api-metrics, port: {name: management}}
            """);

        List<String> violations = checker.check(objects);

        assertThat(violations).contains(
            "Deployment api, container api: livenessProbe asks /actuator/health/liveness on port http, not on the management port",
            "Service public: port 8081 reaches the management port; only a ClusterIP Service labelled app.kubernetes.io/component=metrics may",
            "Ingress entry: a backend reaches the management port of Service api-metrics");
        assertThat(violations).noneMatch(violation -> violation.contains("readinessProbe") || violation.startsWith("Service api-metrics"));
    }

    @Test
    void theCheckerWantsADefaultDenyAndNoOpenRules() {
        List<Map<String, Object>> objects = ManifestChecker.parse("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: ingress-only
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: wide-open
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Ingress, Egress]
              ingress:
                - ports: [{port: 8080}]
              egress:
                - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
            """);

        assertThat(ManifestChecker.requiresDefaultDeny(objects)).singleElement().asString().startsWith("no NetworkPolicy denies");
        assertThat(checker.check(objects)).containsExactly(
            "NetworkPolicy wide-open: an ingress rule without `from` allows every peer",
            "NetworkPolicy wide-open: an egress rule allows 0.0.0.0/0");
    }

    @Test
    void theCheckerAcceptsAHardenedJobWithoutProbes() {
        List<Map<String, Object>> objects = ManifestChecker.parse("""
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: once
            spec:
              template:
                spec:
                  securityContext:
                    runAsNonRoot: true
                  containers:
                    - name: run
                      image: registry.example.com:5000/tools/run:1.2.3
                      resources:
                        requests: {cpu: 100m, memory: 64Mi}
                        limits: {cpu: 200m, memory: 64Mi}
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities:
                          drop: [ALL]
            """);

        assertThat(checker.check(objects)).isEmpty();
    }

    private static List<Path> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).sorted().toList();
        }
    }

    static String render(Path overlay) throws IOException {
        File errors = File.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                .redirectError(errors)
                .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + overlay + " did not finish in 2 minutes");
            }
            assertThat(process.exitValue())
                .withFailMessage(() -> "kubectl kustomize " + overlay + " failed:\n" + read(errors.toPath()))
                .isZero();
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + overlay, e);
        } finally {
            Files.deleteIfExists(errors.toPath());
        }
    }

    private static boolean kubectlAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Object path(Map<String, Object> object, String... keys) {
        Object value = object;
        for (String key : keys) {
            value = value instanceof Map<?, ?> map ? map.get(key) : null;
        }
        return value;
    }

    /** The API group of an apiVersion: "apps" for apps/v1, "" for the core v1. */
    private static String group(String apiVersion) {
        return apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
