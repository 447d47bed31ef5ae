package dev.sluice.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationJarTest {
    @TempDir
    Path dir;

    @Test
    void write_classesJarsAndConf_firstEntryWinsServicesMergedJarDescriptionsLeftOut() throws IOException {
        Path classes = files(
                "classes",
                Map.of(
                        "com/example/Pipelines.class", "project",
                        "META-INF/services/dev.sluice.project.PipelineRegistry", "com.example.Pipelines\n"));
        Path core = jar(
                "core.jar",
                false,
                Map.of(
                        "dev/sluice/Node.class", "core",
                        "com/example/Pipelines.class", "an older copy",
                        "META-INF/services/dev.sluice.io.DatasetType", "# core types\ndev.sluice.io.TextType\n",
                        "module-info.class", "module",
                        "META-INF/CORE.SF", "signature"));
        Path spark = jar(
                "spark.jar",
                true,
                Map.of(
                        "META-INF/services/dev.sluice.io.DatasetType",
                        "dev.sluice.spark.SparkDatasetType\ndev.sluice.io.TextType\n",
                        "META-INF/versions/11/dev/sluice/spark/Fast.class",
                        "fast",
                        "META-INF/versions/11/module-info.class",
                        "module"));
        Path conf = files(
                "conf",
                Map.of(
                        "base/catalog.yml", "a: {type: spark}\n",
                        "prod/spark.yml", "spark.master: yarn\n",
                        "local/credentials.yml", "secret: x\n",
                        "base/.hidden.yml", "x: 1\n"));
        Path target = dir.resolve("app.jar");

        ApplicationJar jar =
                new ApplicationJar().directory(classes).jar(core).jar(spark).conf(conf, Set.of("local"));
        jar.write(target, "dev.sluice.cli.Main");

        try (JarFile written = new JarFile(target.toFile())) {
            Attributes main = written.getManifest().getMainAttributes();
            assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo("dev.sluice.cli.Main");
            assertThat(main.getValue(Attributes.Name.MULTI_RELEASE)).isEqualTo("true");
            assertThat(text(written, "com/example/Pipelines.class")).isEqualTo("project");
            assertThat(text(written, "dev/sluice/Node.class")).isEqualTo("core");
            assertThat(text(written, "META-INF/services/dev.sluice.io.DatasetType"))
                    .isEqualTo("dev.sluice.io.TextType\ndev.sluice.spark.SparkDatasetType\n");
            assertThat(text(written, "META-INF/services/dev.sluice.project.PipelineRegistry"))
                    .isEqualTo("com.example.Pipelines\n");
            assertThat(text(written, "META-INF/sluice/conf/base/catalog.yml")).isEqualTo("a: {type: spark}\n");
            assertThat(text(written, "META-INF/sluice/conf/prod/spark.yml")).isEqualTo("spark.master: yarn\n");
            assertThat(written.getEntry("META-INF/sluice/conf/base/")).isNotNull();
            assertThat(written.stream().map(JarEntry::getName))
                    .contains("META-INF/versions/11/dev/sluice/spark/Fast.class")
                    .doesNotContain(
                            "module-info.class",
                            "META-INF/versions/11/module-info.class",
                            "META-INF/CORE.SF",
                            "META-INF/sluice/conf/local/credentials.yml",
                            "META-INF/sluice/conf/base/.hidden.yml");
        }
        assertThat(jar.duplicates()).isEqualTo(1);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void write_noMultiReleaseInput_plainJar() throws IOException {
        Path target = dir.resolve("app.jar");

        new ApplicationJar().jar(jar("a.jar", false, Map.of("a/A.class", "a"))).write(target, "m.Main");

        try (JarFile written = new JarFile(target.toFile())) {
            assertThat(written.getManifest().getMainAttributes().getValue(Attributes.Name.MULTI_RELEASE))
                    .isNull();
            assertThat(text(written, "a/A.class")).isEqualTo("a");
        }
    }

    @Test
    void describesItsJar_signaturesManifestsIndexesAndModuleInfo() {
        assertThat(ApplicationJar.describesItsJar("META-INF/MANIFEST.MF")).isTrue();
        assertThat(ApplicationJar.describesItsJar("META-INF/ECLIPSE_.RSA")).isTrue();
        assertThat(ApplicationJar.describesItsJar("META-INF/INDEX.LIST")).isTrue();
        assertThat(ApplicationJar.describesItsJar("META-INF/versions/9/module-info.class"))
                .isTrue();
        assertThat(ApplicationJar.describesItsJar("META-INF/LICENSE")).isFalse();
        assertThat(ApplicationJar.describesItsJar("META-INF/maven/a/b/pom.properties"))
                .isFalse();
        assertThat(ApplicationJar.describesItsJar("com/example/module-info.class"))
                .isFalse();
    }

    private Path files(String name, Map<String, String> contents) throws IOException {
        Path root = dir.resolve(name);
        for (Map.Entry<String, String> file : contents.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return root;
    }

    private Path jar(String name, boolean multiRelease, Map<String, String> contents) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (multiRelease) {
            manifest.getMainAttributes().put(Attributes.Name.MULTI_RELEASE, "true");
        }
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, String> entry : new java.util.TreeMap<>(contents).entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String text(JarFile jar, String name) throws IOException {
        JarEntry entry = jar.getJarEntry(name);
        assertThat(entry).as(name).isNotNull();
        return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
    }
}
