package dev.sluice.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.sluice.manifest.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension as a project's tests use it: through the annotation and registered in code. The test
 * classes it drives are nested and run through JUnit's engine test kit, so that what the extension does
 * before and after each test can be checked from outside.
 */
class SluiceProjectExtensionTest {
    static final String WORDS = "src/test/resources/projects/words";

    /** Copies the extension handed to the tests, so the outer test can check they were removed. */
    static final List<Path> COPIES = new ArrayList<>();

    @Test
    void annotation_eachTestGetsAFreshCopyRunWithTheTestEnvironment() throws IOException {
        COPIES.clear();
        long before = sourceFiles();

        Events tests = run(AnnotatedProjectTest.class);

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(COPIES).hasSize(2).doesNotHaveDuplicates();
        assertThat(COPIES).allSatisfy(copy -> assertThat(copy).doesNotExist());
        assertThat(sourceFiles()).as("files of the source project").isEqualTo(before);
        assertThat(Path.of(WORDS, ".sluice")).doesNotExist();
    }

    @Test
    void registeredInCode_runsTheCopyWithItsEnvironment() {
        Events tests = run(RegisteredProjectTest.class);

        tests.assertStatistics(stats -> stats.started(1).succeeded(1));
    }

    @Test
    void annotation_notAProject_failsTheTestNamingTheDirectory() {
        Events tests = run(NotAProjectTest.class);

        tests.assertStatistics(stats -> stats.started(1).failed(1));
        assertThat(tests.failed().stream()
                        .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                                .map(Throwable::getMessage)
                                .orElse(""))
                        .toList())
                .singleElement()
                .asString()
                .contains("src/test/resources/projects' is not a Sluice project")
                .contains("no conf/ directory");
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .execute()
                .testEvents();
    }

    private static long sourceFiles() throws IOException {
        try (var files = Files.walk(Path.of(WORDS))) {
            return files.count();
        }
    }

    @SluiceProjectTest(WORDS)
    static class AnnotatedProjectTest {
        @Test
        void defaultPipeline_readsTheTestEnvironmentsInput(TestProject project) throws IOException {
            COPIES.add(project.dir());

            project.run();

            assertThat(project.env()).isEqualTo("test");
            assertThat(Files.readString(project.file("data/02_intermediate/shouted.txt")))
                    .isEqualTo("TEST RUN?\n");
            assertThat(project.load("word_counts")).isEqualTo(Map.of("test", 1, "run", 1));
            RunManifest manifest = project.lastRun();
            assertThat(manifest.runId()).isNotBlank();
        }

        @Test
        void runtimeParams_overrideTheEnvironmentsParameters(TestProject project) throws IOException {
            COPIES.add(project.dir());
            assertThat(project.file("data/02_intermediate/shouted.txt")).doesNotExist();

            project.params(Map.of("shout.suffix", "!!")).run();

            assertThat(Files.readString(project.file("data/02_intermediate/shouted.txt")))
                    .isEqualTo("TEST RUN!!\n");
        }
    }

    static class RegisteredProjectTest {
        @RegisterExtension
        SluiceProjectExtension extension =
                SluiceProjectExtension.copyOf(Path.of(WORDS)).env("base");

        @Test
        void baseEnvironment_readsTheRawInput() throws IOException {
            extension.project().run();

            assertThat(Files.readString(extension.project().file("data/02_intermediate/shouted.txt")))
                    .isEqualTo("HELLO WORLD!\nHELLO SLUICE!\n");
        }
    }

    @SluiceProjectTest("src/test/resources/projects")
    static class NotAProjectTest {
        @Test
        void neverRuns(TestProject project) {
            project.run();
        }
    }
}
