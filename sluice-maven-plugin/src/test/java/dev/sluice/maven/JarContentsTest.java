package dev.sluice.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.junit.jupiter.api.Test;

class JarContentsTest {
    private static final Set<String> SPARK = Set.of(
            "org.apache.spark:spark-sql_2.13",
            "org.apache.spark:spark-core_2.13",
            "org.scala-lang:scala-library",
            "com.fasterxml.jackson.core:jackson-databind",
            "org.slf4j:slf4j-api");

    @Test
    void select_leavesOutTheClustersArtifactsAndLoggingBackends_projectBeforePlugin() {
        List<Artifact> project = List.of(
                artifact("dev.sluice", "sluice-core", "1", "compile"),
                artifact("dev.sluice", "sluice-spark", "1", "compile"),
                artifact("org.apache.spark", "spark-sql_2.13", "4.2.0", "compile"),
                artifact("org.scala-lang", "scala-library", "2.13.18", "compile"),
                artifact("org.slf4j", "slf4j-api", "2.0.17", "compile"),
                artifact("io.delta", "delta-spark_2.13", "4.4.0", "compile"),
                artifact("ch.qos.logback", "logback-classic", "1.5.21", "runtime"),
                artifact("org.assertj", "assertj-core", "3", "test"),
                artifact("org.apache.hadoop", "hadoop-client-api", "3", "provided"));
        List<Artifact> plugin = List.of(
                artifact("dev.sluice", "sluice-cli", "1", "compile"),
                artifact("dev.sluice", "sluice-core", "0-plugin", "compile"),
                artifact("info.picocli", "picocli", "4.7.7", "compile"),
                artifact("com.fasterxml.jackson.core", "jackson-databind", "2.22.1", "compile"),
                artifact("ch.qos.logback", "logback-core", "1.5.21", "runtime"));

        JarContents contents = JarContents.select(project, plugin, SPARK);

        assertThat(contents.included())
                .extracting(Artifact::getId)
                .containsExactly(
                        "dev.sluice:sluice-core:jar:1",
                        "dev.sluice:sluice-spark:jar:1",
                        "io.delta:delta-spark_2.13:jar:4.4.0",
                        "dev.sluice:sluice-cli:jar:1",
                        "info.picocli:picocli:jar:4.7.7");
        assertThat(contents.clusterProvided())
                .extracting(Artifact::getArtifactId)
                .containsExactly("spark-sql_2.13", "scala-library", "slf4j-api");
    }

    @Test
    void providedRoots_sparkAndPatternArtifactsNotBroughtInByAnotherProvidedOne() {
        Artifact sparkSql =
                trail(artifact("org.apache.spark", "spark-sql_2.13", "4.2.0", "compile"), "dev.sluice:sluice-spark");
        Artifact sparkCore = trail(
                artifact("org.apache.spark", "spark-core_2.13", "4.2.0", "compile"),
                "dev.sluice:sluice-spark",
                "org.apache.spark:spark-sql_2.13");
        Artifact scala = trail(
                artifact("org.scala-lang", "scala-library", "2.13.18", "compile"),
                "dev.sluice:sluice-spark",
                "org.apache.spark:spark-sql_2.13");
        Artifact deltaSpark =
                trail(artifact("io.delta", "delta-spark_2.13", "4.4.0", "compile"), "dev.sluice:sluice-spark");
        Artifact deltaStorage = trail(
                artifact("io.delta", "delta-storage", "4.4.0", "compile"),
                "dev.sluice:sluice-spark",
                "io.delta:delta-spark_2.13");
        List<Artifact> artifacts = List.of(sparkSql, sparkCore, scala, deltaSpark, deltaStorage);

        assertThat(JarContents.providedRoots(artifacts, List.of())).containsExactly(sparkSql);
        assertThat(JarContents.providedRoots(artifacts, List.of("io.delta:*"))).containsExactly(sparkSql, deltaSpark);
    }

    @Test
    void matches_starMatchesAnyText() {
        assertThat(JarContents.matches("io.delta:*", "io.delta:delta-spark_2.13"))
                .isTrue();
        assertThat(JarContents.matches("*:delta-storage", "io.delta:delta-storage"))
                .isTrue();
        assertThat(JarContents.matches("io.delta:delta-spark_2.13", "io.delta:delta-spark_2.13"))
                .isTrue();
        assertThat(JarContents.matches("io.delta:*", "io.unitycatalog:unitycatalog-client"))
                .isFalse();
        assertThat(JarContents.matches("io.delta:delta", "io.delta:delta-spark_2.13"))
                .isFalse();
    }

    /** Sets the artifact's dependency trail: the project, then {@code through} (group:artifact), then itself. */
    private static Artifact trail(Artifact artifact, String... through) {
        List<String> trail = new ArrayList<>();
        trail.add("com.example:orders:jar:1.0");
        for (String key : through) {
            trail.add(key + ":jar:1");
        }
        trail.add(artifact.getId());
        artifact.setDependencyTrail(trail);
        return artifact;
    }

    private static Artifact artifact(String group, String id, String version, String scope) {
        Artifact artifact =
                new DefaultArtifact(group, id, version, scope, "jar", null, new DefaultArtifactHandler("jar"));
        artifact.setFile(new File(id + "-" + version + ".jar"));
        return artifact;
    }
}
