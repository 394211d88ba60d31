package io.ticketing.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The rules every rendered Kubernetes object must follow, one method per rule. {@link #check}
 * returns one readable line per violation, naming the object and the container.
 */
final class ManifestChecker {

    /** Workloads whose pods run until stopped, and so need liveness and readiness probes. */
    private static final Set<String> LONG_RUNNING = Set.of("Deployment", "StatefulSet", "DaemonSet");

    /** The name of the container port the actuator listens on (MANAGEMENT_SERVER_PORT). */
    static final String MANAGEMENT_PORT = "management";

    /** The label value of the one kind of Service that may expose the management port. */
    static final String METRICS_COMPONENT = "metrics";

    /** Parses a multi-document YAML stream such as the output of {@code kubectl kustomize}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String yaml) {
        Iterable<Object> documents = new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml);
        return StreamSupport.stream(documents.spliterator(), false)
                .filter(Objects::nonNull)
                .map(document -> (Map<String, Object>) document)
                .toList();
    }

    /** Checks the objects of one rendered overlay. */
    List<String> check(List<Map<String, Object>> objects) {
        List<String> violations = new ArrayList<>();
        Set<String> management = managementPorts(objects);
        for (Map<String, Object> object : objects) {
            String kind = Objects.requireNonNullElse(string(object, "kind"), "");
            String name = kind + " " + string(map(object, "metadata"), "name");
            Map<String, Object> podSpec = podSpec(kind, object);
            if (podSpec != null) {
                checkPod(name, kind, podSpec, management, violations);
            }
            forbidsSecretValues(name, kind, object, violations);
            forbidsExposedSsh(name, kind, object, violations);
            keepsTheManagementPortInside(name, kind, object, management, violations);
            forbidsOpenNetworkPolicyRules(name, kind, object, violations);
        }
        return violations;
    }

    /**
     * What a rendered namespace lacks for its pods to be unreachable by default: a NetworkPolicy
     * over every pod ({@code podSelector: {}}) for both directions that allows nothing.
     */
    static List<String> requiresDefaultDeny(List<Map<String, Object>> objects) {
        boolean denied = objects.stream()
            .filter(object -> "NetworkPolicy".equals(object.get("kind")))
            .map(object -> map(object, "spec"))
            .anyMatch(spec -> map(spec, "podSelector").values().stream().allMatch(ManifestChecker::empty)
                && list(spec, "policyTypes").containsAll(List.of("Ingress", "Egress"))
                && list(spec, "ingress").isEmpty() && list(spec, "egress").isEmpty());
        return denied ? List.of() : List.of("no NetworkPolicy denies all ingress and egress of every pod"
                + " (podSelector {}, policyTypes Ingress and Egress, no rules)");
    }

    /** A rule without peers, or with 0.0.0.0/0, lets everyone through what it names. */
    @SuppressWarnings("unchecked")
    void forbidsOpenNetworkPolicyRules(String name, String kind, Map<String, Object> object, List<String> violations) {
        if (!kind.equals("NetworkPolicy")) {
            return;
        }
        Map<String, Object> spec = map(object, "spec");
        for (String direction : List.of("ingress", "egress")) {
            String peers = direction.equals("ingress") ? "from" : "to";
            for (Object rule : list(spec, direction)) {
                List<Object> allowed = list((Map<String, Object>) rule, peers);
                if (allowed.isEmpty()) {
                    violations.add(name + ": an " + direction + " rule without `" + peers + "` allows every peer");
                }
                allowed.stream()
                    .map(peer -> string(map((Map<String, Object>) peer, "ipBlock"), "cidr"))
                    .filter(cidr -> cidr != null && cidr.endsWith("/0"))
                    .forEach(cidr -> violations.add(name + ": an " + direction + " rule allows " + cidr));
            }
        }
    }

    private static boolean empty(Object value) {
        return value == null || (value instanceof Map<?, ?> map && map.isEmpty())
            || (value instanceof List<?> list && list.isEmpty());
    }

    /** The management port's name and every number a container gives it. */
    @SuppressWarnings("unchecked")
    static Set<String> managementPorts(List<Map<String, Object>> objects) {
        Set<String> ports = new HashSet<>(Set.of(MANAGEMENT_PORT));
        for (Map<String, Object> object : objects) {
            Map<String, Object> podSpec = podSpec(Objects.requireNonNullElse(string(object, "kind"), ""), object);
            if (podSpec != null) {
                list(podSpec, "containers").stream()
                    .flatMap(container -> list((Map<String, Object>) container, "ports").stream())
                    .map(port -> (Map<String, Object>) port)
                    .filter(port -> MANAGEMENT_PORT.equals(port.get("name")))
                    .forEach(port -> ports.add(String.valueOf(port.get("containerPort"))));
            }
        }
        return ports;
    }

    @SuppressWarnings("unchecked")
    private void checkPod(String name, String kind, Map<String, Object> podSpec, Set<String> management,
                          List<String> violations) {
        Map<String, Object> podSecurity = map(podSpec, "securityContext");
        Stream.concat(
                list(podSpec, "initContainers").stream().map(c -> new Container((Map<String, Object>) c, true)),
                list(podSpec, "containers").stream().map(c -> new Container((Map<String, Object>) c, false)))
            .forEach(container -> {
                String where = name + ", container " + string(container.spec(), "name");
                requiresResources(where, container.spec(), violations);
                requiresNonRoot(where, podSecurity, container.spec(), violations);
                requiresNoPrivilegeEscalation(where, container.spec(), violations);
                requiresReadOnlyRootFilesystem(where, container.spec(), violations);
                requiresDroppedCapabilities(where, container.spec(), violations);
                requiresPinnedImage(where, container.spec(), violations);
                if (LONG_RUNNING.contains(kind) && !container.init()) {
                    requiresProbes(where, container.spec(), violations);
                }
                probesTheActuatorOnTheManagementPort(where, container.spec(), management, violations);
            });
    }

    void requiresResources(String where, Map<String, Object> container, List<String> violations) {
        Map<String, Object> resources = map(container, "resources");
        for (String section : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (map(resources, section).get(resource) == null) {
                    violations.add(where + ": no resources." + section + "." + resource);
                }
            }
        }
    }

    void requiresNonRoot(String where, Map<String, Object> podSecurity, Map<String, Object> container,
                         List<String> violations) {
        Object own = map(container, "securityContext").get("runAsNonRoot");
        Object effective = own != null ? own : podSecurity.get("runAsNonRoot");
        if (!Boolean.TRUE.equals(effective)) {
            violations.add(where + ": runAsNonRoot is not true (pod or container securityContext)");
        }
    }

    void requiresNoPrivilegeEscalation(String where, Map<String, Object> container, List<String> violations) {
        if (!Boolean.FALSE.equals(map(container, "securityContext").get("allowPrivilegeEscalation"))) {
            violations.add(where + ": securityContext.allowPrivilegeEscalation is not false");
        }
    }

    void requiresReadOnlyRootFilesystem(String where, Map<String, Object> container, List<String> violations) {
        if (!Boolean.TRUE.equals(map(container, "securityContext").get("readOnlyRootFilesystem"))) {
            violations.add(where + ": securityContext.readOnlyRootFilesystem is not true");
        }
    }

    void requiresDroppedCapabilities(String where, Map<String, Object> container, List<String> violations) {
        List<Object> dropped = list(map(map(container, "securityContext"), "capabilities"), "drop");
        if (!dropped.contains("ALL")) {
            violations.add(where + ": securityContext.capabilities.drop does not contain ALL");
        }
    }

    void requiresProbes(String where, Map<String, Object> container, List<String> violations) {
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            if (container.get(probe) == null) {
                violations.add(where + ": no " + probe);
            }
        }
    }

    /** An HTTP probe of the actuator goes to the management port, where the actuator listens. */
    void probesTheActuatorOnTheManagementPort(String where, Map<String, Object> container, Set<String> management,
                                              List<String> violations) {
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> get = map(map(container, probe), "httpGet");
            String path = string(get, "path");
            if (path != null && path.startsWith("/actuator") && !management.contains(String.valueOf(get.get("port")))) {
                violations.add(where + ": " + probe + " asks " + path + " on port " + get.get("port")
                        + ", not on the management port");
            }
        }
    }

    /**
     * Only a ClusterIP Service labelled {@code app.kubernetes.io/component: metrics} may reach the
     * management port; no other Service, and no Ingress, may.
     */
    @SuppressWarnings("unchecked")
    void keepsTheManagementPortInside(String name, String kind, Map<String, Object> object, Set<String> management,
                                      List<String> violations) {
        Map<String, Object> spec = map(object, "spec");
        if (kind.equals("Service")) {
            boolean metrics = METRICS_COMPONENT.equals(map(map(object, "metadata"), "labels").get("app.kubernetes.io/component"))
                    && "ClusterIP".equals(Objects.requireNonNullElse(string(spec, "type"), "ClusterIP"));
            for (Object port : list(spec, "ports")) {
                Map<String, Object> ports = (Map<String, Object>) port;
                Object target = Objects.requireNonNullElse(ports.get("targetPort"), ports.get("port"));
                if (!metrics && management.contains(String.valueOf(target))) {
                    violations.add(name + ": port " + ports.get("port") + " reaches the management port; only a ClusterIP"
                            + " Service labelled app.kubernetes.io/component=metrics may");
                }
            }
        } else if (kind.equals("Ingress")) {
            List<Map<String, Object>> backends = new ArrayList<>();
            backends.add(map(spec, "defaultBackend"));
            for (Object rule : list(spec, "rules")) {
                for (Object path : list(map((Map<String, Object>) rule, "http"), "paths")) {
                    backends.add(map((Map<String, Object>) path, "backend"));
                }
            }
            for (Map<String, Object> backend : backends) {
                Map<String, Object> port = map(map(backend, "service"), "port");
                if (management.contains(String.valueOf(port.get("name"))) || management.contains(String.valueOf(port.get("number")))) {
                    violations.add(name + ": a backend reaches the management port of Service "
                            + string(map(backend, "service"), "name"));
                }
            }
        }
    }

    void requiresPinnedImage(String where, Map<String, Object> container, List<String> violations) {
        String image = string(container, "image");
        if (image == null || image.isBlank()) {
            violations.add(where + ": no image");
        } else if (!image.contains("@sha256:")) {
            int colon = image.lastIndexOf(':');
            String tag = colon > image.lastIndexOf('/') ? image.substring(colon + 1) : "";
            if (tag.isEmpty()) {
                violations.add(where + ": image " + image + " has no tag");
            } else if (tag.equals("latest")) {
                violations.add(where + ": image " + image + " uses the :latest tag");
            }
        }
    }

    void forbidsSecretValues(String name, String kind, Map<String, Object> object, List<String> violations) {
        if (kind.equals("Secret") && !(map(object, "data").isEmpty() && map(object, "stringData").isEmpty())) {
            violations.add(name + ": a Secret with values from the repository; sync it from the secret store"
                    + " with an ExternalSecret instead");
        }
    }

    @SuppressWarnings("unchecked")
    void forbidsExposedSsh(String name, String kind, Map<String, Object> object, List<String> violations) {
        Map<String, Object> spec = map(object, "spec");
        String type = Objects.requireNonNullElse(string(spec, "type"), "ClusterIP");
        if (!kind.equals("Service") || !Set.of("NodePort", "LoadBalancer").contains(type)) {
            return;
        }
        for (Object port : list(spec, "ports")) {
            Map<String, Object> ports = (Map<String, Object>) port;
            if (Integer.valueOf(22).equals(ports.get("port")) || Integer.valueOf(22).equals(ports.get("targetPort"))) {
                violations.add(name + ": a " + type + " Service exposes SSH (port 22)");
            }
        }
    }

    /** The pod template of a workload, the spec of a bare Pod, or null for anything else. */
    private static Map<String, Object> podSpec(String kind, Map<String, Object> object) {
        Map<String, Object> spec = map(object, "spec");
        return switch (kind) {
            case "Pod" -> spec;
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> map(map(spec, "template"), "spec");
            case "CronJob" -> map(map(map(map(spec, "jobTemplate"), "spec"), "template"), "spec");
            default -> null;
        };
    }

    private record Container(Map<String, Object> spec, boolean init) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    private static String string(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? null : value.toString();
    }
}
