package dev.sluice.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launch cache's invalidation: Maven runs when build files' contents change, the launcher's own javac
 * when only sources change, nothing when nothing changed. Maven here is a fake {@code mvn} script on the
 * PATH given to {@link Prepare}, which records each call and writes what the real goals would.
 */
class PrepareTest {
    @TempDir
    Path dir;

    Path home;
    Path project;
    Path mavenCalls;
    Path dependencyJar;
    Path localRepository;
    String effectivePom;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        home = dir.resolve("sluice-home");
        Files.createDirectories(home.resolve("lib"));
        Files.write(home.resolve("lib/sluice-core-0.1.0.jar"), new byte[0]);
        Files.write(home.resolve("lib/picocli-4.7.7.jar"), new byte[0]);
        Files.writeString(home.resolve("lib/artifacts.txt"), """

                The following files have been resolved:
                   dev.sluice:sluice-core:jar:0.1.0:runtime -- module dev.sluice.core [auto]
                   info.picocli:picocli:jar:4.7.7:runtime -- module info.picocli
                """);
        Path pom = home.resolve("repository/dev/sluice/sluice-bom/0.1.0/sluice-bom-0.1.0.pom");
        Files.createDirectories(pom.getParent());
        Files.writeString(pom, "<project/>");

        project = dir.resolve("project");
        Files.createDirectories(project.resolve("src/main/java/com/example"));
        Files.createDirectories(project.resolve("src/main/resources"));
        Files.writeString(project.resolve("pom.xml"), pomXml("1.0"));
        Files.writeString(project.resolve("src/main/java/com/example/Nodes.java"), nodes("one"));
        Files.writeString(project.resolve("src/main/resources/data.txt"), "resource");
        dependencyJar = dir.resolve("dep-1.0.jar");
        Jars.pack(dir.resolve("no-classes"), dependencyJar);
        localRepository = dir.resolve("m2");
        effectivePom = effectivePom(false);
        mavenCalls = dir.resolve("maven-calls.txt");
        writeFakeMaven();
    }

    @Test
    void prepare_firstRun_resolvesWithMavenAndPutsOneCopyOfSluiceOnTheClassPath() throws IOException {
        List<Path> classPath = prepare().run();

        assertThat(mavenCalls()).containsExactly("resolve");
        assertThat(classPath)
                .containsExactly(
                        project.resolve(".sluice/launcher/project.jar"),
                        home.resolve("lib/picocli-4.7.7.jar"),
                        home.resolve("lib/sluice-core-0.1.0.jar"),
                        dependencyJar);
        assertThat(Files.readString(project.resolve(".sluice/launcher/classpath"))
                        .strip())
                .isEqualTo(
                        String.join(":", classPath.stream().map(Path::toString).toList()));
        assertThat(log())
                .contains("resolving the project's dependencies with Maven (first run)")
                .contains("the project asks for dev.sluice:sluice-core 0.0.9; this installation runs it with its own "
                        + "0.1.0");
        assertThat(localRepository.resolve("dev/sluice/sluice-bom/0.1.0/sluice-bom-0.1.0.pom"))
                .hasContent("<project/>");
    }

    @Test
    void prepare_nothingChanged_startsNoMavenAndCompilesNothing() throws IOException {
        prepare().run();
        FileTime jarTime = Files.getLastModifiedTime(projectJar());

        prepare().run();

        assertThat(mavenCalls()).containsExactly("resolve");
        assertThat(Files.getLastModifiedTime(projectJar())).isEqualTo(jarTime);
    }

    @Test
    void prepare_sourceChanged_compilesWithJavacNotMaven() throws IOException {
        prepare().run();
        Files.writeString(project.resolve("src/main/java/com/example/Nodes.java"), nodes("two"));
        Files.writeString(project.resolve("src/main/java/com/example/More.java"), "package com.example; class More {}");

        prepare().run();

        assertThat(mavenCalls()).containsExactly("resolve");
        try (JarFile jar = new JarFile(projectJar().toFile())) {
            assertThat(jar.getEntry("com/example/Nodes.class")).isNotNull();
            assertThat(jar.getEntry("com/example/More.class")).isNotNull();
            assertThat(new String(jar.getInputStream(jar.getEntry("data.txt")).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("resource");
        }
    }

    @Test
    void prepare_buildFileRewrittenWithTheSameContent_startsNoMaven() throws IOException {
        prepare().run();
        Files.writeString(project.resolve("pom.xml"), pomXml("1.0"));

        prepare().run();

        assertThat(mavenCalls()).containsExactly("resolve");
    }

    @Test
    void prepare_buildFileChanged_resolvesAgain() throws IOException {
        prepare().run();
        Files.writeString(project.resolve("pom.xml"), pomXml("2.0"));

        prepare().run();

        assertThat(mavenCalls()).containsExactly("resolve", "resolve");
    }

    @Test
    void prepare_parentPomChanged_resolvesAgain() throws IOException {
        Files.writeString(dir.resolve("pom.xml"), "<project><artifactId>parent</artifactId></project>");
        Files.writeString(
                project.resolve("pom.xml"),
                "<project><parent><artifactId>parent</artifactId></parent><artifactId>p</artifactId></project>");
        prepare().run();
        Files.writeString(
                dir.resolve("pom.xml"), "<project><artifactId>parent</artifactId><version>2</version></project>");

        prepare().run();

        assertThat(mavenCalls()).containsExactly("resolve", "resolve");
        assertThat(Files.readAllLines(project.resolve(".sluice/launcher/inputs")))
                .contains(
                        dir.resolve("pom.xml").toString(),
                        project.resolve("src/main/java").toString());
    }

    @Test
    void prepare_buildTheLauncherCannotRepeat_compilesWithMaven() throws IOException {
        effectivePom = effectivePom(true);
        writeFakeMaven();
        prepare().run();
        Files.writeString(project.resolve("src/main/java/com/example/Nodes.java"), nodes("two"));

        prepare().run();

        assertThat(mavenCalls()).containsExactly("resolve", "compile");
        assertThat(log()).contains("compiling with Maven, because it filters resources");
    }

    @Test
    void prepare_sourcesDoNotCompile_errorNamesFileAndLine() throws IOException {
        prepare().run();
        Files.writeString(
                project.resolve("src/main/java/com/example/Nodes.java"),
                "package com.example;\nclass Nodes { int x = ; }");

        assertThatThrownBy(() -> prepare().run())
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("Nodes.java:2: error:")
                .hasMessageContaining("Fix them and run again");
    }

    @Test
    void prepare_noMavenOnThePath_saysWhatToInstall() {
        Prepare prepare =
                new Prepare(home, project, Map.of("PATH", dir.resolve("empty").toString()), stream());

        assertThatThrownBy(prepare::run)
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("'mvn' is not on the PATH")
                .hasMessageContaining("Install Maven");
    }

    private Prepare prepare() {
        return new Prepare(
                home,
                project,
                Map.of("PATH", dir.resolve("bin").toString(), "MAVEN_OPTS", "-Dmaven.repo.local=" + localRepository),
                stream());
    }

    private PrintStream stream() {
        return new PrintStream(log, true, StandardCharsets.UTF_8);
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private Path projectJar() {
        return project.resolve(".sluice/launcher/project.jar");
    }

    private List<String> mavenCalls() throws IOException {
        return Files.exists(mavenCalls) ? Files.readAllLines(mavenCalls) : List.of();
    }

    /** A fake mvn: "resolve" writes the dependency list and effective POM; both make target/classes. */
    private void writeFakeMaven() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(dir.resolve("effective.xml"), effectivePom);
        Files.writeString(
                dir.resolve("dependencies.txt"),
                "\nThe following files have been resolved:\n"
                        + "   com.example:dep:jar:1.0:compile:" + dependencyJar + " -- module dep [auto]\n"
                        + "   dev.sluice:sluice-core:jar:0.0.9:compile:" + dir.resolve("old-core.jar") + "\n"
                        + "   org.junit.jupiter:junit-jupiter:jar:5.14.1:test:" + dir.resolve("junit.jar") + "\n");
        String script = """
                #!/usr/bin/env bash
                set -e
                deps=""; effective=""; kind=compile
                for arg in "$@"; do
                  case "$arg" in
                    -DoutputFile=*) deps="${arg#-DoutputFile=}"; kind=resolve ;;
                    -Doutput=*) effective="${arg#-Doutput=}" ;;
                  esac
                done
                echo "$kind" >> "CALLS"
                mkdir -p "PROJECT/target/classes/com/example"
                echo maven > "PROJECT/target/classes/com/example/FromMaven.class"
                if [ "$kind" = resolve ]; then cp "DIR/dependencies.txt" "$deps"; cp "DIR/effective.xml" "$effective"; fi
                """.replace("CALLS", mavenCalls.toString())
                .replace("PROJECT", project.toString())
                .replace("DIR", dir.toString());
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, script);
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
    }

    private String effectivePom(boolean filtering) {
        return """
                <project>
                  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
                  <build>
                    <sourceDirectory>SRC</sourceDirectory>
                    <outputDirectory>OUT</outputDirectory>
                    <resources><resource><directory>RES</directory><filtering>FILTER</filtering></resource></resources>
                    <plugins>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <configuration><release>17</release><parameters>true</parameters></configuration>
                      </plugin>
                      <plugin><artifactId>maven-surefire-plugin</artifactId></plugin>
                    </plugins>
                  </build>
                </project>
                """.replace("SRC", project.resolve("src/main/java").toString())
                .replace("OUT", project.resolve("target/classes").toString())
                .replace("RES", project.resolve("src/main/resources").toString())
                .replace("FILTER", String.valueOf(filtering));
    }

    private static String pomXml(String version) {
        return "<project><groupId>com.example</groupId><artifactId>p</artifactId><version>" + version
                + "</version></project>";
    }

    private static String nodes(String word) {
        return "package com.example;\npublic class Nodes { public static String word() { return \"" + word
                + "\"; } }\n";
    }
}
