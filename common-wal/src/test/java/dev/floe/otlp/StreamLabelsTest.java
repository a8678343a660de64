package dev.floe.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamLabelsTest {

  @Test
  void defaultsAreLokis() {
    assertThat(StreamLabels.defaults().attributeNames())
        .containsExactly(
            "service.name", "service.namespace", "service.instance.id", "deployment.environment",
            "deployment.environment.name", "cloud.region", "cloud.availability_zone", "k8s.cluster.name",
            "k8s.namespace.name", "k8s.pod.name", "k8s.container.name", "container.name", "k8s.replicaset.name",
            "k8s.deployment.name", "k8s.statefulset.name", "k8s.daemonset.name", "k8s.cronjob.name",
            "k8s.job.name");
    assertThat(StreamLabels.defaults().attributeByLabel())
        .containsEntry("service_name", "service.name")
        .containsEntry("k8s_namespace_name", "k8s.namespace.name")
        .containsEntry("cloud_availability_zone", "cloud.availability_zone")
        .hasSize(18);
  }

  @Test
  void promotesConfiguredResourceAttributesOnly() {
    Map<String, String> resource = new HashMap<>();
    resource.put("service.name", "api");
    resource.put("k8s.namespace.name", "prod");
    resource.put("k8s.pod.name", "api-7d9f\"x\"");
    resource.put("host.name", "node-1");
    resource.put("deployment.environment", "");
    StreamLabels.Stream stream = StreamLabels.defaults().streamOf(resource);
    String expected = "{k8s_namespace_name=\"prod\", k8s_pod_name=\"api-7d9f\\\"x\\\"\", service_name=\"api\"}";
    assertThat(stream.labels()).isEqualTo(expected);
    assertThat(stream.serviceName()).isEqualTo("api");
    assertThat(stream.fingerprint()).isEqualTo(Fingerprints.fnv1a64(expected));
    assertThat(LabelSets.parse(stream.labels()))
        .containsEntry("k8s_pod_name", "api-7d9f\"x\"")
        .doesNotContainKey("host_name");
  }

  @Test
  void serviceNameIsAlwaysPresent() {
    StreamLabels.Stream stream = StreamLabels.defaults().streamOf(Map.of("k8s.namespace.name", "prod"));
    assertThat(stream.labels()).isEqualTo("{k8s_namespace_name=\"prod\", service_name=\"unknown_service\"}");
    assertThat(stream.serviceName()).isEqualTo("unknown_service");
    assertThat(StreamLabels.defaults().streamOf(Map.of("service.name", "")).labels())
        .isEqualTo("{service_name=\"unknown_service\"}");

    StreamLabels custom = StreamLabels.of(List.of("team"));
    assertThat(custom.streamOf(Map.of("team", "core", "service.name", "db")).labels())
        .isEqualTo("{service_name=\"db\", team=\"core\"}");
  }

  @Test
  void labelNamesReplaceInvalidCharacters() {
    assertThat(StreamLabels.labelName("k8s.pod.name")).isEqualTo("k8s_pod_name");
    assertThat(StreamLabels.labelName("http-route/v1")).isEqualTo("http_route_v1");
    assertThat(StreamLabels.labelName("é")).isEqualTo("_");
    assertThat(StreamLabels.labelName("1st")).isEqualTo("_1st");
    assertThat(StreamLabels.labelName("Already_Valid9")).isEqualTo("Already_Valid9");
    StreamLabels custom = StreamLabels.of(List.of("app-name", "cloud.region"));
    assertThat(custom.streamOf(Map.of("app-name", "shop", "cloud.region", "eu-west-1")).labels())
        .isEqualTo("{app_name=\"shop\", cloud_region=\"eu-west-1\", service_name=\"unknown_service\"}");
  }

  @Test
  void rejectsAmbiguousConfiguration() {
    assertThatThrownBy(() -> StreamLabels.of(List.of("k8s.pod.name", "k8s_pod_name")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'k8s.pod.name' and 'k8s_pod_name'");
    assertThatThrownBy(() -> StreamLabels.of(List.of("service_name")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StreamLabels.of(List.of(""))).isInstanceOf(IllegalArgumentException.class);
  }
}
