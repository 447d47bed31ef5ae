package dev.sluice.maven;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;

/**
 * Which artifacts go into the application jar: the project's run-time dependencies, then the plugin's (the
 * CLI) where the project lacks them; never an artifact the cluster provides, nor a logging backend, since
 * the cluster's own logs the application there.
 *
 * @param included the artifacts to unpack into the jar, one per group and artifact id, in class path order
 * @param clusterProvided the project's artifacts left out because the cluster has them
 */
record JarContents(List<Artifact> included, List<Artifact> clusterProvided) {
    /** Spark's group: every artifact in it, and everything they depend on, is the cluster's. */
    static final String SPARK_GROUP = "org.apache.spark";

    /** SLF4J backends: a cluster brings its own (Spark's is Log4j 2), and two of them conflict. */
    private static final Set<String> LOGGING_BACKENDS = Set.of(
            "ch.qos.logback:logback-classic",
            "ch.qos.logback:logback-core",
            "org.slf4j:slf4j-simple",
            "org.slf4j:slf4j-nop",
            "org.slf4j:slf4j-jdk14",
            "org.slf4j:slf4j-reload4j");

    /**
     * Chooses the contents.
     *
     * @param project the project's resolved artifacts (all scopes; only compile and run-time ones count)
     * @param plugin the plugin's artifacts: the CLI, its dependencies, logback
     * @param cluster the group and artifact ids ({@code group:artifact}) the cluster provides
     */
    static JarContents select(Collection<Artifact> project, Collection<Artifact> plugin, Set<String> cluster) {
        Map<String, Artifact> included = new LinkedHashMap<>();
        List<Artifact> clusterProvided = new ArrayList<>();
        for (Artifact artifact : project) {
            if (!Artifact.SCOPE_COMPILE.equals(artifact.getScope())
                    && !Artifact.SCOPE_RUNTIME.equals(artifact.getScope())) {
                continue;
            }
            if (cluster.contains(key(artifact))) {
                clusterProvided.add(artifact);
            } else {
                included.putIfAbsent(key(artifact), artifact);
            }
        }
        for (Artifact artifact : plugin) {
            if (!"test".equals(artifact.getScope()) && !cluster.contains(key(artifact))) {
                included.putIfAbsent(key(artifact), artifact);
            }
        }
        included.keySet().removeAll(LOGGING_BACKENDS);
        included.values().removeIf(artifact -> artifact.getFile() == null);
        return new JarContents(List.copyOf(included.values()), List.copyOf(clusterProvided));
    }

    /**
     * The artifacts the cluster provides that no other provided artifact brings in: Spark's (and those
     * matching {@code patterns}) that the project depends on through something else. What they depend on is
     * collected from them, so an exclusion one of them declares on another (Spark SQL's on Spark Connect's
     * shims, say) still holds.
     */
    static List<Artifact> providedRoots(Collection<Artifact> artifacts, List<String> patterns) {
        List<Artifact> roots = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            List<String> trail = artifact.getDependencyTrail();
            List<String> before = trail == null ? List.of() : trail.subList(0, Math.max(0, trail.size() - 1));
            if (isProvided(key(artifact), patterns)
                    && before.stream().noneMatch(id -> isProvided(keyOfId(id), patterns))) {
                roots.add(artifact);
            }
        }
        return roots;
    }

    /** Whether the cluster provides {@code key} ({@code group:artifact}): Spark's, or one {@code patterns} name. */
    static boolean isProvided(String key, List<String> patterns) {
        return key.startsWith(SPARK_GROUP + ":") || patterns.stream().anyMatch(p -> matches(p, key));
    }

    /** {@code group:artifact} of a dependency trail's id ({@code group:artifact:type:version}). */
    private static String keyOfId(String id) {
        String[] parts = id.split(":");
        return parts.length >= 2 ? parts[0] + ":" + parts[1] : id;
    }

    static String key(Artifact artifact) {
        return artifact.getGroupId() + ":" + artifact.getArtifactId();
    }

    /** Whether {@code key} ({@code group:artifact}) matches {@code pattern}, in which {@code *} matches any text. */
    static boolean matches(String pattern, String key) {
        String regex = Arrays.stream(pattern.strip().split("\\*", -1))
                .map(Pattern::quote)
                .collect(Collectors.joining(".*"));
        return key.matches(regex);
    }
}
