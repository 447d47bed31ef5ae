package dev.sluice.cli;

import dev.sluice.ConfigurationException;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import dev.sluice.runner.IoMode;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice run}: Kedro's {@code kedro run}, with the tee as the default I/O mode. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a pipeline of the project.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    /** The runner kinds. */
    enum RunnerKind {
        SEQUENTIAL,
        PARALLEL
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(
            names = {"--pipeline", "--pipelines", "-p"},
            split = ",",
            paramLabel = "NAME",
            description = "Pipeline(s) to run (default: __default__).")
    List<String> pipelines = new ArrayList<>();

    @Option(names = "--runner", paramLabel = "KIND", description = "sequential (default) or parallel.")
    RunnerKind runner = RunnerKind.SEQUENTIAL;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description = "Worker threads for the parallel runner (default: number of cores, at least 2).")
    Integer workers;

    @Option(names = "--io", paramLabel = "MODE", description = "I/O mode: sync, async, cache or tee (default: tee).")
    String io = "tee";

    @Option(names = "--async", description = "Kedro's --async: the same as --io async.")
    boolean async;

    @Option(
            names = {"--from-nodes"},
            split = ",",
            paramLabel = "NODE",
            description = "Run from these nodes onwards.")
    List<String> fromNodes = new ArrayList<>();

    @Option(
            names = {"--to-nodes"},
            split = ",",
            paramLabel = "NODE",
            description = "Run up to and including these nodes.")
    List<String> toNodes = new ArrayList<>();

    @Option(
            names = {"--nodes", "-n"},
            split = ",",
            paramLabel = "NODE",
            description = "Run only these nodes.")
    List<String> nodes = new ArrayList<>();

    @Option(
            names = "--from-inputs",
            split = ",",
            paramLabel = "DATASET",
            description = "Run the nodes that depend on these datasets.")
    List<String> fromInputs = new ArrayList<>();

    @Option(
            names = "--to-outputs",
            split = ",",
            paramLabel = "DATASET",
            description = "Run the nodes needed to produce these datasets.")
    List<String> toOutputs = new ArrayList<>();

    @Option(
            names = {"--tags", "-t"},
            split = ",",
            paramLabel = "TAG",
            description = "Run only nodes with any of these tags.")
    List<String> tags = new ArrayList<>();

    @Option(
            names = {"--namespaces", "--namespace", "-ns"},
            split = ",",
            paramLabel = "NS",
            description = "Run only nodes in these namespaces.")
    List<String> namespaces = new ArrayList<>();

    @Option(
            names = "--max-pending-saves",
            paramLabel = "N",
            description = "Tee: most background saves pending before a node waits (default: 16).")
    Integer maxPendingSaves;

    @Option(
            names = "--max-pending-bytes",
            paramLabel = "SIZE",
            description =
                    "Tee: most estimated bytes of pending saves, e.g. 512m or 2g (default: a quarter of the heap).")
    String maxPendingBytes;

    @Option(
            names = "--save-retries",
            paramLabel = "N",
            description = "Retries of a failed save before the run fails (default: 2).")
    Integer saveRetries;

    @Option(
            names = "--verify",
            description =
                    "After the run, reload every saved output and report those that differ from what was handed on.")
    boolean verify;

    @Option(names = "--check-mutation", description = "Fail a node that modifies an input it was handed.")
    boolean checkMutation;

    @Override
    public Integer call() {
        Project opened = project.open();
        Pipeline pipeline = selectPipeline(opened);
        Runner.Builder builder = runnerBuilder().hooks(opened.hooks());
        RunResult result;
        try (ProgressDisplay progress = ProgressDisplay.create(pipeline.nodes().size())) {
            Runner runner = builder.hook(progress).build();
            LOG.info(
                    "Running {} node(s) of project {} ({})",
                    pipeline.nodes().size(),
                    opened.dir(),
                    runner.options().describe());
            result = runner.run(pipeline, opened.catalog());
        } catch (RunFailedException e) {
            spec.commandLine()
                    .getErr()
                    .println(ResumeHint.describe(e, pipeline, opened.catalog(), commandLineForResume()));
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "Run %s completed: %d node(s) in %s.%n",
                result.runId(), result.nodeStates().size(), format(result.wallTime()));
        if (!result.verifyMismatches().isEmpty()) {
            out.println("Verify: these datasets reload differently from the values handed on: "
                    + result.verifyMismatches());
        }
        return 0;
    }

    private Runner.Builder runnerBuilder() {
        Runner.Builder builder = Runner.builder();
        if (runner == RunnerKind.PARALLEL) {
            builder.parallel(
                    workers != null ? workers : Math.max(2, Runtime.getRuntime().availableProcessors()));
        } else if (workers != null) {
            throw new ConfigurationException("--workers applies to the parallel runner; add --runner parallel.");
        }
        builder.io(async ? IoMode.ASYNC : IoMode.parse(io));
        if (maxPendingSaves != null) {
            builder.maxPendingSaves(maxPendingSaves);
        }
        if (maxPendingBytes != null) {
            builder.maxPendingBytes(parseBytes(maxPendingBytes));
        }
        if (saveRetries != null) {
            builder.saveRetries(saveRetries, Duration.ofMillis(200));
        }
        return builder.verify(verify).checkMutation(checkMutation);
    }

    private Pipeline selectPipeline(Project opened) {
        List<String> names = pipelines.isEmpty() ? List.of(PipelineRegistry.DEFAULT) : pipelines;
        List<Pipeline> selected = new ArrayList<>();
        for (String name : names) {
            selected.add(opened.pipeline(name));
        }
        Pipeline.Filter filter = Pipeline.Filter.none()
                .withTags(tags)
                .withFromNodes(fromNodes)
                .withToNodes(toNodes)
                .withNodeNames(nodes)
                .withFromInputs(fromInputs)
                .withToOutputs(toOutputs)
                .withNodeNamespaces(namespaces);
        return Pipeline.concat(selected).filter(filter);
    }

    private String commandLineForResume() {
        List<String> parts = new ArrayList<>(List.of("sluice", "run"));
        if (!project.project.toString().equals(".")) {
            parts.add("--project " + project.project);
        }
        if (project.env != null) {
            parts.add("--env " + project.env);
        }
        if (!pipelines.isEmpty()) {
            parts.add("--pipeline " + String.join(",", pipelines));
        }
        if (!project.params.isEmpty()) {
            parts.add("--params " + String.join(",", project.params));
        }
        return String.join(" ", parts);
    }

    static long parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            unit = switch (t.charAt(t.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigurationException(
                    "--max-pending-bytes takes a size such as 268435456, 256m or 2g, not '" + text + "'.");
        }
    }

    private static String format(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }
}
