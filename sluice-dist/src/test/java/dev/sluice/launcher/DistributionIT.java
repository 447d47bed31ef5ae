package dev.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packed distribution as a user gets it: unpacked into a directory, {@code bin/sluice} called through a
 * symlink from another directory, a {@code sluice new} project run first with Maven and then with no
 * {@code mvn} on the PATH, the Maven plugin's goals in that project, the Iris example, and a new project
 * with Spark added as the guide says. Installs the
 * distribution's artifacts into the local Maven repository the build uses, as the launcher does for users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionIT {
    private static final String VERSION = System.getProperty("sluice.version");

    @TempDir
    static Path dir;

    Path installed;
    Path sluice;
    Path workspace;
    Path noMaven;

    @BeforeAll
    void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("sluice.distribution"));
        Path opt = Files.createDirectories(dir.resolve("opt"));
        assertThat(run(List.of("tar", "xzf", archive.toString(), "-C", opt.toString()), opt, Map.of())
                        .exit())
                .isZero();
        installed = opt.resolve("sluice-" + VERSION);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        sluice = Files.createSymbolicLink(bin.resolve("sluice"), installed.resolve("bin/sluice"));
        workspace = Files.createDirectories(dir.resolve("work"));
        noMaven = toolsWithoutMaven();
    }

    @Test
    @Order(1)
    void archive_holdsTheLayoutAndModuleNames() throws IOException {
        assertThat(installed.resolve("LICENSE")).content().contains("Apache License");
        assertThat(installed.resolve("README.md")).exists();
        assertThat(installed.resolve("conf/logging.xml")).exists();
        assertThat(installed.resolve("lib/launcher/sluice-launcher.jar")).exists();
        assertThat(Prepare.libJars(installed).stream().map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.startsWith("logback-classic-"))
                .anyMatch(n -> n.startsWith("sluice-cli-"))
                .noneMatch(n -> n.startsWith("aws-") || n.startsWith("s3-"));
        List<Path> jars;
        try (Stream<Path> files = Files.walk(installed)) {
            jars = files.filter(p -> p.getFileName().toString().matches("sluice-.*\\.jar"))
                    .toList();
        }
        assertThat(jars).hasSizeGreaterThan(8);
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                assertThat(file.getManifest().getMainAttributes().getValue("Automatic-Module-Name"))
                        .as(jar.toString())
                        .matches("dev\\.sluice(\\.[a-z0-9]+)+");
            }
        }
        String bom = Files.readString(
                installed.resolve("repository/dev/sluice/sluice-bom/" + VERSION + "/sluice-bom-" + VERSION + ".pom"));
        for (String pom : List.of("sluice-parent", "sluice-bom")) {
            String text = Files.readString(installed.resolve(
                    "repository/dev/sluice/" + pom + "/" + VERSION + "/" + pom + "-" + VERSION + ".pom"));
            assertThat(text)
                    .as(pom + "'s publishing metadata")
                    .contains("<licenses>", "Apache-2.0", "<developers>", "<scm", "<connection>");
        }
        for (String module : List.of(
                "sluice-core",
                "sluice-datasets",
                "sluice-report",
                "sluice-cli",
                "sluice-test",
                "sluice-s3",
                "sluice-parquet",
                "sluice-objects",
                "sluice-arrow",
                "sluice-sql",
                "sluice-excel",
                "sluice-charts",
                "sluice-partitions",
                "sluice-spark",
                "sluice-maven-plugin")) {
            assertThat(bom).contains("<artifactId>" + module + "</artifactId>");
            assertThat(installed.resolve(
                            "repository/dev/sluice/" + module + "/" + VERSION + "/" + module + "-" + VERSION + ".jar"))
                    .exists();
        }
    }

    @Test
    @Order(1)
    void libraryJars_carryNoLoggingBackendOrConfiguration() throws IOException {
        List<Path> poms;
        try (Stream<Path> files = Files.walk(installed.resolve("repository/dev/sluice"))) {
            poms = files.filter(p -> p.toString().endsWith(".pom")).toList();
        }
        assertThat(poms).hasSizeGreaterThan(8);
        for (Path pom : poms) {
            String module = pom.getParent().getParent().getFileName().toString();
            if (module.equals("sluice-maven-plugin")) {
                continue; // the plugin runs the CLI, so it brings logback and the default configuration
            }
            assertThat(Xml.child(Xml.read(pom), "dependencies").stream()
                            .flatMap(d -> Xml.children(d, "dependency").stream())
                            .filter(d -> Xml.text(d, "groupId").orElse("").startsWith("ch.qos.logback")
                                    || Xml.text(d, "artifactId").orElse("").startsWith("log4j-slf4j"))
                            .filter(d -> !Xml.text(d, "scope").orElse("compile").equals("test")))
                    .as(module + " depends on a logging backend")
                    .isEmpty();
            Path jar = pom.resolveSibling(pom.getFileName().toString().replace(".pom", ".jar"));
            if (Files.isRegularFile(jar)) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    assertThat(file.stream().map(e -> e.getName()))
                            .as(jar.getFileName() + " carries logging configuration or a backend")
                            .noneMatch(n -> n.matches("(logback|logback-test)\\.(xml|groovy)|log4j2.*\\.xml"
                                    + "|simplelogger\\.properties|ch/qos/logback/.*|org/slf4j/impl/.*"));
                }
                for (String classifier : List.of("sources", "javadoc")) {
                    Path built = Path.of("..", module, "target", module + "-" + VERSION + "-" + classifier + ".jar");
                    assertThat(built).as(module + "'s " + classifier + " jar").exists();
                }
            }
        }
    }

    @Test
    @Order(2)
    void version_throughASymlinkFromAnotherDirectory_printsTheVersionAndHome() throws Exception {
        Result version = sluice(workspace, Map.of(), "--version");

        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out())
                .contains("Sluice " + VERSION)
                .contains("Home " + installed.toRealPath())
                .doesNotContain("development build");
    }

    @Test
    @Order(3)
    void newProject_runsWithMavenFirstThenWithoutMaven() throws Exception {
        assertThat(sluice(workspace, Map.of(), "new", "demo").exit()).isZero();
        Path demo = workspace.resolve("demo");
        assertThat(Files.readString(demo.resolve("pom.xml"))).contains("<artifactId>sluice-bom</artifactId>");
        assertThat(demo.resolve("conf/logging.xml")).exists();

        Result first = sluice(workspace, Map.of(), "run", "--project", "demo");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.err()).contains("resolving the project's dependencies with Maven (first run)");
        assertThat(demo.resolve("data/03_primary/word_counts.json")).content().contains("\"hello\":2");
        List<String> classPath = List.of(Files.readString(demo.resolve(".sluice/launcher/classpath"))
                .strip()
                .split(":"));
        assertThat(classPath.stream().filter(p -> p.contains("sluice-core"))).hasSize(1);

        Result second = sluice(demo, Map.of("PATH", noMaven.toString()), "run");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.err()).doesNotContain("Maven");
        assertThat(second.out()).contains("completed: 2 node(s)");

        Path nodes;
        try (Stream<Path> files = Files.walk(demo.resolve("src/main/java"))) {
            nodes = files.filter(p -> p.endsWith("Nodes.java")).findFirst().orElseThrow();
        }
        Files.writeString(nodes, Files.readString(nodes).replace("toUpperCase()", "toLowerCase()"));
        String state = Files.readString(demo.resolve(".sluice/launcher/state.properties"));
        for (List<String> command : List.of(List.of("report", "last"), List.of("--help"), List.of("--version"))) {
            Result info = sluice(demo, Map.of("PATH", noMaven.toString()), command.toArray(String[]::new));
            assertThat(info.exit()).as(command + ": " + info.err()).isZero();
            assertThat(info.err()).as(command.toString()).doesNotContain("compil");
        }
        assertThat(demo.resolve(".sluice/launcher/state.properties"))
                .as("report, --help and --version leave the launch cache alone")
                .content()
                .isEqualTo(state);
        Result edited = sluice(demo, Map.of("PATH", noMaven.toString()), "run");
        assertThat(edited.exit()).as(edited.err()).isZero();
        assertThat(demo.resolve("data/02_intermediate/shouted.txt")).content().startsWith("hello world!");

        Result report = sluice(demo, Map.of("PATH", noMaven.toString()), "report", "last");
        assertThat(report.exit()).as(report.err()).isZero();
        assertThat(Path.of(report.out().strip())).exists();
    }

    @Test
    @Order(4)
    void mavenPlugin_runAndReport_inTheNewProject() throws Exception {
        Path demo = workspace.resolve("demo");
        Optional<String> mvn = onPath("mvn");
        assertThat(mvn).as("mvn on the PATH").isPresent();

        Result run = run(List.of(mvn.get(), "-B", "-q", "sluice:run", "-Dsluice.args=-v"), demo, Map.of());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out() + run.err()).contains("completed: 2 node(s)").contains("DEBUG");

        Result report =
                run(List.of(mvn.get(), "-B", "-q", "sluice:report", "-Dsluice.output=target/run.html"), demo, Map.of());
        assertThat(report.exit()).as(report.out() + report.err()).isZero();
        assertThat(demo.resolve("target/run.html")).content().contains("<html");
    }

    @Test
    @Order(5)
    void deployProfile_fromThePackagingGuide_buildsADirectoryThatRunsWithJavaAlone() throws Exception {
        Path demo = workspace.resolve("demo");
        String profile = xmlBlock("packaging.md", "<profiles>");
        Path pom = demo.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("</project>", profile + "</project>"));
        Optional<String> mvn = onPath("mvn");
        assertThat(mvn).as("mvn on the PATH").isPresent();

        Result build = run(List.of(mvn.get(), "-B", "-q", "-Pdeploy", "package", "-DskipTests"), demo, Map.of());
        assertThat(build.exit()).as(build.out() + build.err()).isZero();
        Path deploy = demo.resolve("target/deploy");
        Files.copy(demo.resolve("target/demo-0.1.0-SNAPSHOT.jar"), deploy.resolve("lib/demo-0.1.0-SNAPSHOT.jar"));
        copy(demo.resolve("conf"), deploy.resolve("conf"));
        copy(demo.resolve("data/01_raw"), deploy.resolve("data/01_raw"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Result run = run(
                List.of(java, "-cp", "lib/*", "dev.sluice.cli.Main", "run"),
                deploy,
                Map.of("PATH", noMaven.toString()));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("completed: 2 node(s)");
        assertThat(run.err()).contains(" INFO ").doesNotContain("ch.qos.logback");
        assertThat(deploy.resolve("data/03_primary/word_counts.json")).content().contains("\"hello\":2");
    }

    @Test
    @Order(6)
    void newProject_itsTestsWrittenWithTheKit_passUnderMaven() throws Exception {
        assertThat(sluice(workspace, Map.of(), "new", "tested").exit()).isZero();
        Optional<String> mvn = onPath("mvn");
        assertThat(mvn).as("mvn on the PATH").isPresent();

        Result test = run(List.of(mvn.get(), "-B", "test"), workspace.resolve("tested"), Map.of());

        assertThat(test.exit()).as(test.out() + test.err()).isZero();
        assertThat(test.out()).contains("Tests run: 3, Failures: 0, Errors: 0");
    }

    @Test
    @Order(7)
    void iris_fromTheDistribution_runs() throws Exception {
        Path iris = workspace.resolve("iris");
        copy(Path.of("..", "examples", "iris").toAbsolutePath().normalize(), iris);

        Result run = sluice(workspace, Map.of(), "run", "--project", "iris");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("IrisNodes - Model has an accuracy of");
        assertThat(run.out()).contains("completed: 4 node(s)");
    }

    /**
     * The Spark chapter's set-up in a {@code sluice new} project: its dependency snippet added to the pom, which
     * imports only Sluice's BOM, so Maven mediates Spark's dependencies as it does for users (inside Sluice's
     * build the parent's versions would hide a mismatch), then a Spark pipeline run by the distribution.
     */
    @Test
    @Order(8)
    void newProjectWithSpark_asTheSparkChapterSetsItUp_runsASparkPipeline() throws Exception {
        assertThat(sluice(workspace, Map.of(), "new", "sparky").exit()).isZero();
        Path sparky = workspace.resolve("sparky");
        String dependency = xmlBlock("spark.md", "<dependency>");
        Path pom = sparky.resolve("pom.xml");
        String core =
                "    <dependency>\n      <groupId>dev.sluice</groupId>\n      <artifactId>sluice-core</artifactId>";
        assertThat(Files.readString(pom)).contains(core);
        Files.writeString(pom, Files.readString(pom).replace(core, dependency + core));
        Files.writeString(sparky.resolve("src/main/java/com/example/sparky/ProjectPipelines.java"), """
                package com.example.sparky;

                import dev.sluice.pipeline.Node;
                import dev.sluice.pipeline.Pipeline;
                import dev.sluice.project.PipelineRegistry;
                import dev.sluice.spark.SluiceSpark;
                import java.util.Map;
                import org.apache.spark.sql.Dataset;
                import org.apache.spark.sql.Row;

                public final class ProjectPipelines implements PipelineRegistry {
                    @Override
                    public Map<String, Pipeline> pipelines() {
                        return Map.of(DEFAULT, Pipeline.of(
                                Node.named("make_ids").outputs("ids").fn(() -> SluiceSpark.session().range(1_000).toDF()),
                                Node.named("evens").inputs("ids").outputs("evens")
                                        .fn((Dataset<Row> ids) -> ids.filter("id % 2 = 0")),
                                Node.named("count").inputs("evens").outputs("evens_count")
                                        .fn((Dataset<Row> evens) -> evens.count())));
                    }
                }
                """);
        Files.writeString(sparky.resolve("conf/base/catalog.yml"), """
                ids:
                  type: spark
                  filepath: data/02_intermediate/ids
                evens:
                  type: spark.SparkDataset
                  filepath: data/03_primary/evens.csv
                  file_format: csv
                  save_args:
                    header: true
                  load_args:
                    header: true
                """);
        Files.writeString(sparky.resolve("conf/base/spark.yml"), """
                spark.master: local[2]
                spark.ui.enabled: false
                """);

        Result run = sluice(sparky, Map.of(), "run");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("completed: 3 node(s)");
        assertThat(run.err()).doesNotContain(" ERROR ").doesNotContain("has not been configured");
        long rows = 0;
        try (Stream<Path> parts = Files.list(sparky.resolve("data/03_primary/evens.csv"))) {
            for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .toList()) {
                rows += Files.readAllLines(part).stream()
                        .filter(line -> !line.equals("id"))
                        .count();
            }
        }
        assertThat(rows).as("even ids written").isEqualTo(500);
    }

    /** The first XML code block of {@code docs/guide/<page>} that starts with {@code start}. */
    private static String xmlBlock(String page, String start) throws IOException {
        Matcher block = Pattern.compile("(?ms)^```xml\\n(" + Pattern.quote(start) + ".*?)^```")
                .matcher(Files.readString(Path.of("..", "docs", "guide", page)));
        assertThat(block.find())
                .as("an XML block starting " + start + " in docs/guide/" + page)
                .isTrue();
        return block.group(1);
    }

    private Result sluice(Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(sluice.toString()));
        command.addAll(List.of(args));
        return run(command, cwd, env);
    }

    private Result run(List<String> command, Path cwd, Map<String, String> env) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("SLUICE_CACHE_DIR", dir.resolve("cache").toString());
        environment.remove("SLUICE_LOG_LEVEL");
        environment.putAll(env);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 5 minutes");
        }
        return new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A directory of symlinks to the tools bin/sluice uses, and no mvn. */
    private Path toolsWithoutMaven() throws IOException {
        Path tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of(
                "bash", "env", "dirname", "readlink", "find", "sed", "sha256sum", "mkdir", "mv", "rm", "grep", "cat")) {
            Path real = Path.of(onPath(tool).orElseThrow(() -> new AssertionError(tool + " is not on the PATH")));
            Files.createSymbolicLink(tools.resolve(tool), real);
        }
        return tools;
    }

    private static Optional<String> onPath(String name) {
        for (String entry : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(p ->
                            !p.toString().contains("/target") && !p.toString().contains("/.sluice"))
                    .toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private record Result(int exit, String out, String err) {}
}
