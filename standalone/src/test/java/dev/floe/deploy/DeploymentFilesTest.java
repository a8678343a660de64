package dev.floe.deploy;

import static dev.floe.deploy.KubernetesManifests.list;
import static dev.floe.deploy.KubernetesManifests.map;
import static dev.floe.deploy.KubernetesManifests.name;
import static dev.floe.deploy.KubernetesManifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.floe.admin.AdminServer;
import dev.floe.server.Readiness;
import dev.floe.server.TlsConfig;
import dev.floe.admin.ServiceMeters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks docker-compose.yml, the Kubernetes manifests, the image and the Grafana provisioning
 * against the services themselves: every environment variable and config key they set is one the
 * service reads and docs/configuration.md documents, every port is one the service listens on,
 * probes and health checks ask real endpoints, and the replica and shard settings agree.
 */
class DeploymentFilesTest {
  /** Variables the deployment files may set besides the services' own keys; all documented. */
  private static final Set<String> OTHER_VARIABLES =
      Set.of("FLOE_CONFIG", "JAVA_TOOL_OPTIONS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION");
  private static final Pattern HEALTHCHECK_PORT = Pattern.compile("/app/bin/floe ready (\\d+)");

  @TempDir static Path dir;
  private static String configurationDoc;

  @BeforeAll
  static void readDocs() {
    configurationDoc = DeployFiles.read(DeployFiles.repo().resolve("docs/configuration.md"));
  }

  // ---- docker-compose.yml ----------------------------------------------------------------

  @Test
  void composeRunsTheWholeSuiteAndEveryDependencyExists() {
    Map<String, Map<String, Object>> services = DeployFiles.composeServices();
    assertThat(services).containsKeys("minio", "nessie", "floe-query", "grafana");
    Map<String, List<String>> byService = floeServicesByKind();
    assertThat(byService.get("ingest")).as("ingest replicas").hasSizeGreaterThanOrEqualTo(2);
    assertThat(byService.get("maintain")).as("maintain: a leader and a standby").hasSize(2);
    assertThat(byService.get("query")).hasSize(1);
    services.forEach((name, service) -> {
      Object dependsOn = service.get("depends_on");
      if (dependsOn instanceof Map<?, ?> deps) {
        assertThat(services).as(name + " depends on").containsKeys(deps.keySet().toArray(String[]::new));
      }
    });
  }

  @Test
  void composeSetsOnlyVariablesTheServicesReadAndTheDocsDescribe() {
    DeployFiles.floeComposeServices().forEach((name, service) -> {
      ServiceConfigs config = ServiceConfigs.of(DeployFiles.floeService(service));
      assertVariablesKnown(name, config, DeployFiles.environment(service).keySet());
      config.load(composeEnvironment(service));
    });
  }

  @Test
  void composePublishesAndChecksOnlyPortsTheServicesListenOn() {
    DeployFiles.floeComposeServices().forEach((name, service) -> {
      ServiceConfigs config = ServiceConfigs.of(DeployFiles.floeService(service));
      Map<String, Integer> listeners = config.listenerPorts(composeEnvironment(service));
      for (Object mapping : (List<?>) service.getOrDefault("ports", List.of())) {
        String[] parts = mapping.toString().split(":");
        int containerPort = Integer.parseInt(parts[parts.length - 1]);
        assertThat(listeners.values()).as(name + " publishes " + mapping + "; it listens on " + listeners).contains(containerPort);
      }
      Matcher ready = HEALTHCHECK_PORT.matcher(String.join(" ", healthcheck(service)));
      assertThat(ready.find()).as(name + " health check asks /ready through the launcher").isTrue();
      assertThat(Integer.parseInt(ready.group(1))).as(name + " health check port").isEqualTo(listeners.get("admin"));
    });
  }

  @Test
  void composeGivesEveryReplicaTheSameShardsAndItsOwnInstanceId() {
    Set<Integer> shards = new TreeSet<>();
    Map<String, Set<String>> instanceIds = new HashMap<>();
    DeployFiles.floeComposeServices().forEach((name, service) -> {
      String kind = DeployFiles.floeService(service);
      JsonNode config = ServiceConfigs.of(kind).load(composeEnvironment(service));
      shards.add(config.get("wal").get("shards").asInt());
      if (config.has("instanceId")) {
        assertThat(instanceIds.computeIfAbsent(kind, k -> new HashSet<>()).add(config.get("instanceId").asText()))
            .as(name + " has an instance id of its own").isTrue();
      }
    });
    assertThat(shards).as("wal.shards of all Floe services").hasSize(1);
  }

  @Test
  void composeScrapesTheAdminPortsOfTheFloeServices() {
    String collector = DeployFiles.read(DeployFiles.repo().resolve("deploy/compose/otel-collector.yaml"));
    Matcher targets = Pattern.compile("\"([a-z0-9-]+):(\\d+)\"").matcher(collector);
    Map<String, Map<String, Object>> floe = DeployFiles.floeComposeServices();
    Set<String> scraped = new TreeSet<>();
    while (targets.find()) {
      Map<String, Object> service = floe.get(targets.group(1));
      assertThat(service).as("scrape target " + targets.group()).isNotNull();
      int admin = ServiceConfigs.of(DeployFiles.floeService(service)).listenerPorts(composeEnvironment(service)).get("admin");
      assertThat(Integer.parseInt(targets.group(2))).as("scrape port of " + targets.group(1)).isEqualTo(admin);
      scraped.add(targets.group(1));
    }
    assertThat(scraped).containsExactlyInAnyOrderElementsOf(floe.keySet());
  }

  // ---- Grafana -------------------------------------------------------------------------------

  @Test
  @SuppressWarnings("unchecked")
  void grafanaDatasourcesPointAtTheQueryServiceAndAtEachOther() {
    Path file = DeployFiles.repo().resolve("deploy/grafana/provisioning/datasources/floe.yaml");
    Map<String, Object> provisioning = (Map<String, Object>) DeployFiles.yamlDocuments(DeployFiles.read(file)).get(0);
    List<Map<String, Object>> datasources = (List<Map<String, Object>>) provisioning.get("datasources");
    Map<String, Object> query = DeployFiles.composeServices().get("floe-query");
    Map<String, Integer> listeners = ServiceConfigs.QUERY.listenerPorts(composeEnvironment(query));
    Map<String, String> uidByType = new LinkedHashMap<>();
    for (Map<String, Object> datasource : datasources) {
      String type = datasource.get("type").toString();
      uidByType.put(type, datasource.get("uid").toString());
      URI url = URI.create(datasource.get("url").toString());
      assertThat(url.getHost()).as(type + " datasource host").isEqualTo("floe-query");
      assertThat(listeners).as(type + " datasource: the query service's " + type + " listener").containsKey(type);
      assertThat(url.getPort()).as(type + " datasource port").isEqualTo(listeners.get(type));
    }
    assertThat(uidByType).containsOnlyKeys("loki", "prometheus", "tempo");
    String text = DeployFiles.read(file);
    Matcher references = Pattern.compile("datasourceUid: (\\S+)").matcher(text);
    while (references.find()) {
      assertThat(uidByType.values()).as("datasource reference " + references.group()).contains(references.group(1));
    }
    String dashboard = DeployFiles.read(DeployFiles.repo().resolve("deploy/grafana/dashboards/floe-overview.json"));
    Matcher dashboardUids = Pattern.compile("\"uid\": \"(floe-[a-z]+)\"").matcher(dashboard);
    while (dashboardUids.find()) {
      if (!dashboardUids.group(1).equals("floe-overview")) {
        assertThat(uidByType.values()).as("dashboard datasource").contains(dashboardUids.group(1));
      }
    }
  }

  // ---- the image -----------------------------------------------------------------------------

  @Test
  void theImageRunsEveryServiceAsUser10001AndExposesItsPorts() throws Exception {
    String dockerfile = DeployFiles.read(DeployFiles.repo().resolve("Dockerfile"));
    assertThat(dockerfile).contains("USER 10001:10001").contains("MaxRAMPercentage").contains("ENTRYPOINT [\"/app/bin/floe\"]");
    Map<String, String> mains = DeployFiles.launcherMainClasses();
    assertThat(mains).containsKeys("ingest", "maintain", "query", "standalone");
    for (String main : mains.values()) {
      assertThat(Class.forName(main).getMethod("main", String[].class)).isNotNull();
    }
    Set<Integer> listening = new TreeSet<>();
    for (ServiceConfigs config : ServiceConfigs.values()) {
      listening.addAll(config.listenerPorts(Map.of()).values());
    }
    Matcher expose = Pattern.compile("(?m)^EXPOSE (.+)$").matcher(dockerfile);
    assertThat(expose.find()).isTrue();
    for (String port : expose.group(1).trim().split("\\s+")) {
      assertThat(listening).as("EXPOSE " + port).contains(Integer.parseInt(port));
    }
  }

  // ---- Kubernetes ----------------------------------------------------------------------------

  @Test
  void kubernetesRunsIngestAndQueryAutoscaledAndMaintainAsLeaderAndStandby() {
    List<Map<String, Object>> objects = kubernetes();
    Map<String, Map<String, Object>> deployments = byName(ofKind(objects, "Deployment"));
    assertThat(deployments).containsOnlyKeys("floe-ingest", "floe-query", "floe-maintain");
    assertThat(map(deployments.get("floe-maintain"), "spec").get("replicas")).isEqualTo(2);
    Set<String> autoscaled = new TreeSet<>();
    for (Map<String, Object> hpa : ofKind(objects, "HorizontalPodAutoscaler")) {
      assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
      String target = map(hpa, "spec", "scaleTargetRef").get("name").toString();
      assertThat(deployments).containsKey(target);
      assertThat(list(map(hpa, "spec"), "metrics")).anySatisfy(metric ->
          assertThat(map(metric, "resource").get("name")).isEqualTo("cpu"));
      assertThat(map(container(deployments.get(target)), "resources", "requests")).as(target + " CPU request").containsKey("cpu");
      autoscaled.add(target);
    }
    assertThat(autoscaled).containsExactlyInAnyOrder("floe-ingest", "floe-query");
    for (Map<String, Object> pdb : ofKind(objects, "PodDisruptionBudget")) {
      Map<String, Object> selector = map(pdb, "spec", "selector", "matchLabels");
      assertThat(deployments.values()).as("PDB " + name(pdb) + " selects a Deployment").anySatisfy(d ->
          assertThat(map(d, "spec", "template", "metadata", "labels")).containsAllEntriesOf(selector));
    }
    assertThat(ofKind(objects, "PodDisruptionBudget")).extracting(KubernetesManifests::name)
        .containsExactlyInAnyOrder("floe-ingest", "floe-query", "floe-maintain");
  }

  @Test
  void kubernetesSetsOnlyVariablesTheServicesReadWithSharedShardsAndPodNames() {
    List<Map<String, Object>> objects = kubernetes();
    // The shared ConfigMap reaches every service; each reads its own keys and ignores the others.
    Set<String> readByAny = new TreeSet<>();
    for (ServiceConfigs config : ServiceConfigs.values()) {
      readByAny.addAll(config.variables().keySet());
    }
    assertVariablesKnown("ConfigMap floe-config", "Floe services", readByAny, sharedConfigMapVariables(objects).keySet());
    for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
      Map<String, Object> container = container(deployment);
      ServiceConfigs config = ServiceConfigs.of(args(container).get(0));
      Map<String, Map<String, Object>> own = new LinkedHashMap<>();
      list(container, "env").forEach(env -> own.put(env.get("name").toString(), env));
      assertVariablesKnown(name(deployment), config, own.keySet());
      assertThat(list(container, "envFrom")).as(name(deployment) + " reads the shared ConfigMap").anySatisfy(from ->
          assertThat(map(from, "configMapRef").get("name")).isEqualTo("floe-config"));
      assertThat(own).as(name(deployment) + ": wal.shards comes from the shared ConfigMap only").doesNotContainKey("FLOE_WAL_SHARDS");
      if (config.variables().containsKey("FLOE_INSTANCE_ID")) {
        assertThat(map(own.get("FLOE_INSTANCE_ID"), "valueFrom", "fieldRef").get("fieldPath")).isEqualTo("metadata.name");
      }
      for (String secret : List.of("FLOE_STORAGE_S3_ACCESS_KEY", "FLOE_STORAGE_S3_SECRET_KEY")) {
        assertThat(map(own.get(secret), "valueFrom", "secretKeyRef")).as(secret).isNotNull();
      }
      config.load(kubernetesEnvironment(objects, container));
    }
    assertThat(sharedConfigMapVariables(objects)).containsKey("FLOE_WAL_SHARDS");
  }

  @Test
  void kubernetesPortsProbesAndShutdownMatchTheServices() throws Exception {
    List<Map<String, Object>> objects = kubernetes();
    Map<String, Map<String, Object>> deployments = byName(ofKind(objects, "Deployment"));
    Set<Integer> servicePorts = new TreeSet<>();
    Set<String> probePaths = new TreeSet<>();
    for (Map<String, Object> deployment : deployments.values()) {
      Map<String, Object> container = container(deployment);
      ServiceConfigs config = ServiceConfigs.of(args(container).get(0));
      Map<String, String> env = kubernetesEnvironment(objects, container);
      Map<String, Integer> listeners = config.listenerPorts(env);
      Map<String, Integer> declared = new LinkedHashMap<>();
      list(container, "ports").forEach(p -> declared.put(p.get("name").toString(), (Integer) p.get("containerPort")));
      assertThat(listeners.values()).as(name(deployment) + " listens on " + listeners).containsAll(declared.values());
      assertThat(declared.get("admin")).isEqualTo(listeners.get("admin"));
      assertThat(httpProbe(container, "readinessProbe")).isEqualTo("/ready");
      assertThat(httpProbe(container, "livenessProbe")).isEqualTo("/live");
      assertThat(httpProbe(container, "startupProbe")).isNotNull();
      for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
        assertThat(map(container, probe, "httpGet").get("port")).as(probe).isEqualTo("admin");
        probePaths.add(httpProbe(container, probe));
      }
      // The query service has no shutdown timeout: its listeners give queries a second to finish.
      JsonNode shutdownTimeout = config.load(env).get("shutdownTimeout");
      long shutdown = shutdownTimeout == null ? 1 : Duration.parse("PT" + shutdownTimeout.asText().toUpperCase()).toSeconds();
      List<?> preStop = (List<?>) map(container, "lifecycle", "preStop", "exec").get("command");
      long preStopSeconds = Long.parseLong(preStop.get(preStop.size() - 1).toString());
      int grace = (Integer) map(deployment, "spec", "template", "spec").get("terminationGracePeriodSeconds");
      assertThat(grace).as(name(deployment) + " grace period above shutdownTimeout + preStop").isGreaterThan((int) (shutdown + preStopSeconds));
      assertThat(map(container, "resources", "limits")).containsKey("memory");
      for (Map<String, Object> service : ofKind(objects, "Service")) {
        if (map(deployment, "spec", "template", "metadata", "labels").entrySet().containsAll(map(service, "spec", "selector").entrySet())) {
          for (Map<String, Object> port : list(map(service, "spec"), "ports")) {
            assertThat(declared).as("Service " + name(service) + " port " + port.get("name")).containsKey(port.get("targetPort").toString());
            servicePorts.add((Integer) port.get("port"));
          }
        }
      }
    }
    assertThat(servicePorts).contains(4317, 4318, 3100, 9090, 3200, 8081, 8082, 8083);
    assertRealAdminEndpoints(probePaths);
  }

  @Test
  void kubernetesPodsRunLockedDownWithLabels() {
    for (Map<String, Object> deployment : ofKind(kubernetes(), "Deployment")) {
      Map<String, Object> pod = map(deployment, "spec", "template", "spec");
      assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
      Map<String, Object> container = container(deployment);
      Map<String, Object> security = map(container, "securityContext");
      assertThat(security).containsEntry("readOnlyRootFilesystem", true).containsEntry("allowPrivilegeEscalation", false);
      assertThat(map(security, "capabilities").get("drop")).isEqualTo(List.of("ALL"));
      assertThat(map(security, "seccompProfile")).containsEntry("type", "RuntimeDefault");
      String tmpVolume = list(container, "volumeMounts").stream()
          .filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst().orElseThrow().get("name").toString();
      assertThat(list(pod, "volumes")).anySatisfy(v -> {
        assertThat(v.get("name")).isEqualTo(tmpVolume);
        assertThat(v).containsKey("emptyDir");
      });
      assertThat(container.get("image").toString()).doesNotEndWith(":latest").contains(":");
      for (Map<String, Object> labels : List.of(map(deployment, "metadata", "labels"), map(deployment, "spec", "template", "metadata", "labels"))) {
        assertThat(labels).containsKeys(
            "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component", "app.kubernetes.io/part-of");
      }
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static void assertVariablesKnown(String where, ServiceConfigs config, Set<String> variables) {
    assertVariablesKnown(where, config.service() + " service", config.variables().keySet(), variables);
  }

  private static void assertVariablesKnown(String where, String reader, Set<String> known, Set<String> variables) {
    for (String variable : variables) {
      if (variable.contains(".")) {
        continue; // a file of the ConfigMap, mounted rather than read from the environment
      }
      assertThat(known.contains(variable) || OTHER_VARIABLES.contains(variable))
          .as(where + " sets " + variable + ", which the " + reader + " does not read").isTrue();
      assertThat(configurationDoc.contains("`" + variable + "`")).as(where + ": " + variable + " in docs/configuration.md").isTrue();
    }
  }

  private static Map<String, List<String>> floeServicesByKind() {
    Map<String, List<String>> byKind = new HashMap<>();
    DeployFiles.floeComposeServices().forEach((name, service) ->
        byKind.computeIfAbsent(DeployFiles.floeService(service), k -> new ArrayList<>()).add(name));
    return byKind;
  }

  /** A compose service's environment, its mounted config file resolved to the repository's. */
  private static Map<String, String> composeEnvironment(Map<String, Object> service) {
    Map<String, String> env = new HashMap<>(DeployFiles.environment(service));
    String file = env.get("FLOE_CONFIG");
    if (file != null) {
      env.put("FLOE_CONFIG", DeployFiles.mountedFile(service, file).toString());
    }
    return env;
  }

  private static List<Map<String, Object>> kubernetes() {
    return KubernetesManifests.render(DeployFiles.repo().resolve("deploy/kubernetes"));
  }

  private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> objects) {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    objects.forEach(o -> byName.put(name(o), o));
    return byName;
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    List<Map<String, Object>> containers = list(map(deployment, "spec", "template", "spec"), "containers");
    assertThat(containers).as(name(deployment) + " containers").hasSize(1);
    return containers.get(0);
  }

  private static List<String> args(Map<String, Object> container) {
    return ((List<?>) container.get("args")).stream().map(Object::toString).toList();
  }

  private static Map<String, String> sharedConfigMapVariables(List<Map<String, Object>> objects) {
    Map<String, Object> configMap = byName(ofKind(objects, "ConfigMap")).get("floe-config");
    Map<String, String> data = new LinkedHashMap<>();
    map(configMap, "data").forEach((key, value) -> data.put(key, value.toString()));
    return data;
  }

  /** What the container's process sees: the ConfigMap, its own values, secrets as placeholders. */
  private static Map<String, String> kubernetesEnvironment(List<Map<String, Object>> objects, Map<String, Object> container) {
    Map<String, String> env = new HashMap<>();
    sharedConfigMapVariables(objects).forEach((key, value) -> {
      if (!key.contains(".")) {
        env.put(key, value);
      }
    });
    for (Map<String, Object> variable : list(container, "env")) {
      Object value = variable.get("value");
      env.put(variable.get("name").toString(), value == null ? "from-" + map(variable, "valueFrom").keySet() : value.toString());
    }
    String file = env.get("FLOE_CONFIG");
    if (file != null) {
      String key = Path.of(file).getFileName().toString();
      String content = sharedConfigMapVariables(objects).get(key);
      assertThat(content).as("FLOE_CONFIG " + file + " comes from the ConfigMap key " + key).isNotNull();
      try {
        Path copy = dir.resolve(key);
        Files.writeString(copy, content);
        env.put("FLOE_CONFIG", copy.toString());
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
    return env;
  }

  private static String httpProbe(Map<String, Object> container, String probe) {
    Map<String, Object> get = map(container, probe, "httpGet");
    return get == null ? null : get.get("path").toString();
  }

  private static List<String> healthcheck(Map<String, Object> service) {
    return ((List<?>) map(service, "healthcheck").get("test")).stream().map(Object::toString).toList();
  }

  /** Asks a real admin listener of a ready service for each path. */
  private static void assertRealAdminEndpoints(Set<String> paths) throws Exception {
    Readiness ready = new Readiness();
    ready.markStarted();
    try (AdminServer admin = AdminServer.start("127.0.0.1", 0, TlsConfig.none(), ServiceMeters.newRegistry(), ready)) {
      HttpClient http = HttpClient.newHttpClient();
      for (String path : paths) {
        HttpResponse<Void> response = http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).as("admin " + path).isEqualTo(200);
      }
    }
  }

}
