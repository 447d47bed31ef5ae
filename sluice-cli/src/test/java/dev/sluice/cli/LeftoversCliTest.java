package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.catalog.AbandonedWrites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code sluice run --resume} removes what a killed run left beside the project's datasets, and nothing else. */
class LeftoversCliTest {
    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger(AbandonedWrites.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        // INFO is the CLI's default level; the test class path's logback-test.xml says WARN.
        logger.setLevel(Level.INFO);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
        logger.setLevel(null);
    }

    @Test
    void resume_temporaryFilesOfAKilledRun_areRemovedAndCountedInOneInfoLine() throws Exception {
        ChainProject project = new ChainProject(dir).create();
        project.failing.add("n3");
        assertThat(project.sluice("run", "--project", dir.toString()).exitCode())
                .isNotZero();
        project.failing.clear();
        // What kill -9 leaves while c and d are written: unlocked temporary files of a process that is gone.
        Path c = leftover(dir.resolve("data/c.txt"), "half of c");
        Path d = leftover(dir.resolve("data/d.txt"), "half of d, longer");
        Path stranger = Files.writeString(dir.resolve("data/.foo.tmp"), "an editor's");
        Path notInTheCatalog = leftover(dir.resolve("data/elsewhere.txt"), "not ours to judge");

        ChainProject.Result resumed = project.sluice("run", "--project", dir.toString(), "--resume");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(c).doesNotExist();
        assertThat(d).doesNotExist();
        assertThat(stranger).exists();
        assertThat(notInTheCatalog).exists();
        assertThat(logged.list)
                .filteredOn(event -> event.getLevel() == Level.INFO)
                .singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .asString()
                .contains("Removed 2 leftover(s)", "(26 B)", "[c, d]");
    }

    private static Path leftover(Path target, String content) throws IOException {
        return Files.writeString(
                target.resolveSibling(".sluice-" + target.getFileName() + ".99999999.k3j2l1.tmp"), content);
    }
}
