package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every guide page's java, yaml and console blocks against the code (see {@link GuidePage}). */
class GuideSnippetsTest {
    private static final Path GUIDE = Path.of("..", "docs", "guide");

    @Test
    void guide_everyBlock_checksAgainstTheCode(@TempDir Path work) throws Exception {
        List<String> problems = new ArrayList<>();
        int java = 0;
        int yaml = 0;
        int skipped = 0;
        for (GuidePage page : GuidePage.all(GUIDE)) {
            problems.addAll(page.problems(work.resolve(page.name())));
            java += page.blocks("java").size();
            yaml += page.blocks("yaml").size();
            skipped += page.skipped();
        }
        assertThat(problems).as("guide blocks that do not match the code").isEmpty();
        assertThat(java).as("java blocks checked").isGreaterThan(3);
        assertThat(yaml).as("yaml blocks checked").isGreaterThan(10);
        assertThat(skipped)
                .as("blocks marked 'docs-check: skip' (keep them rare)")
                .isLessThan(java + yaml);
    }

    @Test
    void brokenJavaBlock_isReportedWithPageAndLine(@TempDir Path work) throws Exception {
        GuidePage page = page(work, "```java\nPipeline p = Pipeline.of();\nint x = \"text\";\n```\n");

        assertThat(page.problems(work.resolve("out")))
                .singleElement()
                .asString()
                .contains("page.md:1", "java");
    }

    @Test
    void catalogBlockWithUnknownKey_isReported(@TempDir Path work) throws Exception {
        GuidePage page = page(
                work,
                "Intro\n\n```yaml title=\"conf/base/catalog.yml\"\ncars:\n  type: csv\n  filepth: data/cars.csv\n```\n");

        assertThat(page.problems(work.resolve("out")))
                .singleElement()
                .asString()
                .contains("page.md:3", "filepth");
    }

    @Test
    void catalogBlockExpectedToFail_passesOnlyWhenItFailsSo(@TempDir Path work) throws Exception {
        String block =
                "```yaml title=\"conf/base/catalog.yml\" expect=\"filepth\"\ncars:\n  type: csv\n  filepath: d.csv\n```\n";

        assertThat(page(work, block).problems(work.resolve("out")))
                .singleElement()
                .asString()
                .contains("should fail");
        assertThat(page(work, block.replace("filepath:", "filepth:")).problems(work.resolve("out2")))
                .isEmpty();
    }

    @Test
    void consoleLineWithUnknownOption_isReported(@TempDir Path work) throws Exception {
        GuidePage page = page(work, "```console\n$ sluice run --no-such-flag\nout\n```\n");

        assertThat(page.problems(work.resolve("out")))
                .singleElement()
                .asString()
                .contains("--no-such-flag");
    }

    @Test
    void skippedBlock_isNotChecked(@TempDir Path work) throws Exception {
        GuidePage page = page(work, "<!-- docs-check: skip pseudo-code -->\n```java\nthis is not java\n```\n");

        assertThat(page.problems(work.resolve("out"))).isEmpty();
        assertThat(page.skipped()).isEqualTo(1);
    }

    private static GuidePage page(Path work, String text) throws Exception {
        Path file = work.resolve("page.md");
        Files.writeString(file, text);
        return GuidePage.read(file);
    }
}
