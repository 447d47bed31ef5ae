package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.test.SluiceProjectTest;
import dev.sluice.test.TestProject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole project, as 'sluice run --env test' runs it, in a temporary copy made for each test. */
@SluiceProjectTest(env = "test")
class ProjectTest {
    @Test
    void run_testEnvironment_writesTheWordCountsOfTheFixture(TestProject project) {
        project.run();

        assertEquals(Map.of("test", 2, "fixture", 1), project.load("word_counts"));
    }
}
