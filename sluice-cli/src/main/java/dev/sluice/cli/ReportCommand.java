package dev.sluice.cli;

import dev.sluice.manifest.RunHistory;
import dev.sluice.report.RunReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice report RUN_ID|last}: a run's manifest rendered as one self-contained HTML page. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write the HTML report of a run: the pipeline coloured by state, a timeline of every node's loads, "
                    + "compute and saves, and the I/O totals.",
            "The page is self-contained: it loads nothing from the network."
        })
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "RUN_ID",
            description = "The run: its id (a directory under <project>/.sluice/runs), the start of one run's id, "
                    + "or 'last' for the newest.")
    String runId;

    // Only the directory is needed, not the configuration: a report renders even if conf/ changed since.
    @Mixin
    ProjectDirectory project = new ProjectDirectory();

    @Option(
            names = {"--output", "-o"},
            paramLabel = "FILE",
            description = "Where to write the report (default: report.html next to the run's manifest).")
    Path output;

    @Override
    public Integer call() {
        RunHistory history = RunHistory.of(project.dir);
        Path manifest = history.manifestFile(history.resolve(runId));
        Path target = output != null ? output : manifest.resolveSibling("report.html");
        RunReport.write(manifest, target);
        spec.commandLine().getOut().println(target);
        return 0;
    }
}
