package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sluice.cli.Main;
import dev.sluice.io.DatasetTypes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guide's dataset type reference is what {@code sluice catalog types --markdown} prints with every
 * Sluice module on the class path. When a type or option changes, this test fails with the one command
 * that regenerates the page; with {@code -Dsluice.docs.regenerate=true} (the {@code regenerate-docs}
 * profile) it writes the page instead.
 */
class DatasetTypeReferenceTest {
    static final Path PAGE = Reactor.ROOT.resolve("docs/guide/dataset-types.md");

    /** The command that rewrites the page; the failure message prints it. */
    static final String REGENERATE = "mvn -B -ntp -Pregenerate-docs -pl docs-check -am test";

    @Test
    void referencePage_isWhatCatalogTypesPrints() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), "catalog", "types", "--markdown");
        assertThat(exit).as(err.toString()).isZero();
        String expected = out.toString();

        if (Boolean.getBoolean("sluice.docs.regenerate")) {
            Files.writeString(PAGE, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
        if (!actual.equals(expected)) {
            fail("docs/guide/dataset-types.md is stale: the dataset types on the class path say otherwise ("
                    + firstDifference(actual, expected) + "). Regenerate it from the repository's root and commit"
                    + " the result:" + System.lineSeparator() + "  " + REGENERATE);
        }
    }

    @Test
    void referencePage_listsEveryTypeOfEveryModuleOnTheClassPath() {
        String page = Files.exists(PAGE) ? readQuietly(PAGE) : "";
        for (String type : DatasetTypes.discover().names()) {
            assertThat(page).as("section of type " + type).contains("\n## " + type + "\n");
        }
    }

    private static String firstDifference(String actual, String expected) {
        if (actual.isEmpty()) {
            return "the page does not exist";
        }
        List<String> a = actual.lines().toList();
        List<String> e = expected.lines().toList();
        for (int i = 0; i < Math.max(a.size(), e.size()); i++) {
            String was = i < a.size() ? a.get(i) : "<end of page>";
            String now = i < e.size() ? e.get(i) : "<end of page>";
            if (!was.equals(now)) {
                return "line " + (i + 1) + " is '" + abbreviate(was) + "' but should be '" + abbreviate(now) + "'";
            }
        }
        return "they differ in line endings";
    }

    private static String abbreviate(String line) {
        return line.length() <= 100 ? line : line.substring(0, 97) + "...";
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
