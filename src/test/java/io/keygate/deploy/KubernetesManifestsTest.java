package io.keygate.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Every manifest under {@code k8s/} and every rendered overlay deserialises strictly into the fabric8 Kubernetes
 * model: a field the model does not know (a typo, a wrong level) fails, as {@code kubectl apply --validate=strict}
 * would. Then the rendered objects are checked for what the operations guide promises.
 */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "StatefulSet", StatefulSet.class, "Service", Service.class, "ConfigMap", ConfigMap.class,
            "Secret", Secret.class, "PodDisruptionBudget", PodDisruptionBudget.class,
            "NetworkPolicy", NetworkPolicy.class);

    /** Deserialises one document strictly: unknown kinds and unknown fields at any depth fail. */
    static HasMetadata strict(Map<String, Object> doc) {
        Class<? extends HasMetadata> type = KINDS.get((String) doc.get("kind"));
        if (type == null) {
            throw new IllegalArgumentException("unexpected kind " + doc.get("kind"));
        }
        HasMetadata object = STRICT.convertValue(doc, type);
        List<String> unknown = new ArrayList<>();
        unknownFields(object, "", unknown, new IdentityHashMap<>());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(doc.get("kind") + ": unknown fields " + unknown);
        }
        return object;
    }

    /** fabric8 keeps unknown fields in {@code additionalProperties}; none may be there. */
    private static void unknownFields(Object value, String path, List<String> unknown,
                                      IdentityHashMap<Object, Boolean> seen) {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                unknownFields(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, unknown, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        try {
            for (PropertyDescriptor p : Introspector.getBeanInfo(value.getClass()).getPropertyDescriptors()) {
                Method getter = p.getReadMethod();
                if (getter == null || getter.getParameterCount() != 0 || p.getName().equals("class")) {
                    continue;
                }
                Object child = getter.invoke(value);
                if (p.getName().equals("additionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(path + "." + extra.keySet());
                    }
                } else {
                    unknownFields(child, path + "." + p.getName(), unknown, seen);
                }
            }
        } catch (ReflectiveOperationException | java.beans.IntrospectionException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Path> manifestFiles() throws Exception {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .filter(f -> !f.startsWith(K8S.resolve("overlays"))) // patches are partial objects
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifestFiles")
    void everyBaseManifestDeserialisesStrictly(Path file) {
        List<Map<String, Object>> docs = Kustomize.documents(file);
        assertThat(docs).isNotEmpty();
        docs.forEach(KubernetesManifestsTest::strict);
    }

    @Test
    void aMisspelledFieldFails() {
        Map<String, Object> doc = Kustomize.documents(K8S.resolve("base/service.yaml")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) doc.get("spec");
        spec.put("selectr", Map.of("a", "b"));
        assertThatThrownBy(() -> strict(doc)).hasMessageContaining("selectr");
        spec.remove("selectr");
        @SuppressWarnings("unchecked")
        Map<String, Object> port = ((List<Map<String, Object>>) spec.get("ports")).get(0);
        port.put("targetport", "http");
        assertThatThrownBy(() -> strict(doc)).hasMessageContaining("targetport");
    }

    private static List<HasMetadata> rendered(String overlay) {
        return Kustomize.render(K8S.resolve("overlays").resolve(overlay)).stream()
                .map(KubernetesManifestsTest::strict).toList();
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void overlaysRenderToAHardenedClusteredStatefulSet(String overlay) {
        List<HasMetadata> objects = rendered(overlay);
        assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .containsExactlyInAnyOrder("ConfigMap/keygate-config", "Secret/keygate-secrets", "Service/keygate",
                        "Service/keygate-cluster", "StatefulSet/keygate", "PodDisruptionBudget/keygate",
                        "NetworkPolicy/keygate");
        String namespace = overlay.equals("prod") ? "keygate" : "keygate-dev";
        assertThat(objects).allSatisfy(o -> {
            assertThat(o.getMetadata().getNamespace()).isEqualTo(namespace);
            assertThat(o.getMetadata().getLabels()).containsEntry("app.kubernetes.io/name", "keygate");
        });

        StatefulSet set = one(objects, StatefulSet.class, "keygate");
        assertThat(set.getSpec().getServiceName()).isEqualTo("keygate-cluster");
        assertThat(set.getSpec().getReplicas()).isEqualTo(overlay.equals("prod") ? 3 : 1);
        var pod = set.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo(overlay.equals("prod") ? "registry.example.com/keygate:0.1.0"
                : "keygate:dev");
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
        // Overlay patches merge into the base container instead of replacing it.
        assertThat(c.getEnv()).extracting(EnvVar::getName).contains("KEYGATE_CLUSTER_ENABLED",
                "KEYGATE_CLUSTER_DNS_QUERY", "KEYGATE_CLUSTER_BIND");
        assertThat(c.getEnv()).filteredOn(e -> e.getName().equals("KEYGATE_CLUSTER_DNS_QUERY"))
                .extracting(EnvVar::getValue).containsExactly("keygate-cluster.$(POD_NAMESPACE).svc.cluster.local");
        assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/var/lib/keygate", "/tmp");
        assertThat(set.getSpec().getVolumeClaimTemplates()).singleElement()
                .satisfies(v -> assertThat(v.getMetadata().getName()).isEqualTo("data"));

        Service headless = one(objects, Service.class, "keygate-cluster");
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(headless.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(7800, 7850);

        ConfigMap config = one(objects, ConfigMap.class, "keygate-config");
        assertThat(config.getData()).containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        Secret secret = one(objects, Secret.class, "keygate-secrets");
        assertThat(secret.getStringData()).containsKeys("KEYGATE_KEYS_RING", "KEYGATE_BOOTSTRAP_ACCOUNT_ID");
        assertThat(one(objects, NetworkPolicy.class, "keygate").getSpec().getPolicyTypes())
                .containsExactlyInAnyOrder("Ingress", "Egress");
    }

    @Test
    void prodKeepsAMajorityThroughDisruptionsAndSpreadsNodes() {
        List<HasMetadata> objects = rendered("prod");
        assertThat(one(objects, PodDisruptionBudget.class, "keygate").getSpec().getMinAvailable().getIntVal())
                .isEqualTo(2);
        var affinity = one(objects, StatefulSet.class, "keygate").getSpec().getTemplate().getSpec().getAffinity();
        assertThat(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()).hasSize(1);
        assertThat(one(objects, StatefulSet.class, "keygate").getSpec().getVolumeClaimTemplates().get(0).getSpec()
                .getResources().getRequests().get("storage").toString()).isEqualTo("10Gi");
    }

    @Test
    void theDockerfileRunsAJreAsNonRootWithJsonLogs() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        assertThat(dockerfile).containsPattern("(?m)^FROM eclipse-temurin:17-jre")
                .contains("QUARKUS_LOG_CONSOLE_JSON_ENABLED=true")
                .containsPattern("(?m)^USER 10001");
        Set<String> copied = Set.of("target/quarkus-app/lib/", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus-run.jar");
        assertThat(copied).allSatisfy(c -> assertThat(dockerfile).contains(c));
    }
}
