package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code sluice --version} prints the version the build recorded, not a placeholder. */
class VersionCommandTest {
    @Test
    void version_printsTheBuiltVersionAndJava() {
        CliRun run = CliRun.run(getClass().getClassLoader(), "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith("Sluice " + VersionProvider.version())
                .doesNotContain("development build")
                .doesNotContain("${")
                .contains("Java " + System.getProperty("java.version"));
        assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void version_knownCommit_isPrinted() {
        CliRun run = CliRun.run(getClass().getClassLoader(), "--version");

        String commit = VersionProvider.commit();
        if (!commit.isEmpty()) {
            assertThat(commit).matches("[0-9a-f]{7,40}");
            assertThat(run.out()).contains("(commit " + commit + ")");
        } else {
            assertThat(run.out()).doesNotContain("commit");
        }
    }
}
