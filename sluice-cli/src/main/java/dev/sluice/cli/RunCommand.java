package dev.sluice.cli;

import dev.sluice.ConfigurationException;
import dev.sluice.PipelineDefinitionException;
import dev.sluice.catalog.AbandonedWrites;
import dev.sluice.config.RuntimeParams;
import dev.sluice.config.SecretMasking;
import dev.sluice.manifest.ResumePlan;
import dev.sluice.manifest.RunHistory;
import dev.sluice.manifest.RunManifest;
import dev.sluice.manifest.RunManifestRecorder;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import dev.sluice.report.RunReport;
import dev.sluice.runner.RetryPolicy;
import dev.sluice.runner.RunCancellation;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.RunInterruptedException;
import dev.sluice.runner.RunResult;
import dev.sluice.runner.Runner;
import dev.sluice.storage.Storage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code sluice run}: Kedro's {@code kedro run}, with the tee as the default I/O mode. Every run is
 * recorded in {@code .sluice/runs/<run-id>/manifest.json}; {@code --resume} finishes a recorded run.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a pipeline of the project.")
final class RunCommand implements Callable<Integer> {
    private static final String NL = System.lineSeparator();

    // Not a static logger: Main configures logging after parsing, and parsing creates this command.
    private static Logger log() {
        return LoggerFactory.getLogger(RunCommand.class);
    }

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
            names = "--resume",
            arity = "0..1",
            fallbackValue = RunHistory.LAST,
            paramLabel = "RUN_ID",
            description = "Finish a recorded run (default: the last one): re-run the nodes that did not complete "
                    + "with every output committed, and the producers of inputs they need that were not "
                    + "committed; load committed datasets at the versions that run wrote. Reuses that run's "
                    + "options; runner, I/O, --env, --params and --hooks given here override them.")
    String resume;

    @Option(
            names = "--only-missing-outputs",
            description = "Run only the nodes whose persisted outputs are missing (and nodes without outputs), "
                    + "plus the producers of inputs they need that are in memory or missing.")
    boolean onlyMissingOutputs;

    @Option(
            names = "--max-pending-saves",
            paramLabel = "N",
            description = "Tee: most background saves pending before a node waits (default: 64).")
    Integer maxPendingSaves;

    @Option(
            names = "--max-pending-bytes",
            paramLabel = "SIZE",
            description =
                    "Tee: most estimated bytes of pending saves, e.g. 512m or 2g (default: a quarter of the heap).")
    String maxPendingBytes;

    @Option(
            names = "--store-concurrency",
            paramLabel = "N",
            description = "Ceiling of saves writing to one store (a directory tree, an S3 bucket) at once; below it "
                    + "each store finds its own number as the run goes, starting at 32 (default: 64).")
    Integer storeConcurrency;

    @Option(
            names = "--save-retries",
            paramLabel = "N",
            description = "Most retries of a load or save that failed with a transient error (throttling, a"
                    + " server error, a dropped connection, a timeout); other errors are never retried"
                    + " (default: 10).")
    Integer saveRetries;

    @Option(
            names = "--retry-budget",
            paramLabel = "SECONDS",
            description = "No retry starts later than this after a load's or save's first attempt; retries wait"
                    + " 0.5 s, doubling to 20 s, with jitter (default: 90).")
    Integer retryBudget;

    @Option(
            names = "--s3-connect-timeout",
            paramLabel = "SECONDS",
            description = "Seconds to wait for a connection to an S3 store, for entries whose fs_args do not set"
                    + " connect_timeout (default: 10).")
    Double s3ConnectTimeout;

    @Option(
            names = "--s3-request-timeout",
            paramLabel = "SECONDS",
            description = "Seconds an S3 request may go without an answer or without the store taking more bytes,"
                    + " for entries whose fs_args do not set request_timeout (default: 30).")
    Double s3RequestTimeout;

    @Option(
            names = "--s3-save-timeout",
            paramLabel = "SECONDS",
            description = "Longest time one S3 save may take, first byte to commit, for entries whose fs_args do"
                    + " not set save_timeout (default: no limit; --retry-budget bounds a stalled save).")
    Double s3SaveTimeout;

    @Option(
            names = "--verify",
            description =
                    "After the run, reload every saved output and report those that differ from what was handed on.")
    boolean verify;

    @Option(names = "--check-mutation", description = "Fail a node that modifies an input it was handed.")
    boolean checkMutation;

    @Option(
            names = "--grace-period",
            paramLabel = "DURATION",
            description = "After Ctrl-C or SIGTERM, how long running nodes and saves in progress may take to finish"
                    + " before the run stops without them, e.g. 30s, 2m or 500ms; 0 stops at once (default: 30s).")
    String gracePeriod;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "After the run (also a failed one), write its HTML report: the DAG and a timeline of "
                    + "load, compute and save per node.")
    Path report;

    @Override
    public Integer call() {
        RunOptionChecks.check(this, spec);
        RunCancellation cancellation = RunCancellation.withGracePeriod(
                gracePeriod == null
                        ? RunCancellation.DEFAULT_GRACE_PERIOD
                        : RunOptionChecks.gracePeriod(spec, gracePeriod));
        try (RunSignals signals =
                RunSignals.install(cancellation, spec.commandLine().getErr())) {
            return run(cancellation, signals);
        } finally {
            Storage.defaultOptions("s3", Map.of());
        }
    }

    /** The S3 settings the command line gives every entry whose fs_args do not set them. */
    private Map<String, Object> s3Defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (s3ConnectTimeout != null) {
            defaults.put("connect_timeout", s3ConnectTimeout);
        }
        if (s3RequestTimeout != null) {
            defaults.put("request_timeout", s3RequestTimeout);
        }
        if (s3SaveTimeout != null) {
            defaults.put("save_timeout", s3SaveTimeout);
        }
        return defaults;
    }

    /** The command, with Ctrl-C and SIGTERM asking {@code cancellation} to stop the run. */
    private int run(RunCancellation cancellation, RunSignals signals) {
        ParseResult given = spec.commandLine().getParseResult();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunHistory history = RunHistory.of(project.dir());
        List<RunManifest> resumed = List.of();
        Map<String, Object> params = project.runtimeParams();
        if (resume != null) {
            resumed = history.chain(resume);
            if (resumed.get(0).status() == RunManifest.Status.COMPLETED) {
                // Nothing to finish: say so before anything (such as a secret parameter) could refuse.
                out.println("Run " + resumed.get(0).runId() + " completed: nothing is left to resume. To run the"
                        + " pipeline again, run without --resume; --only-missing-outputs re-runs only the nodes whose"
                        + " outputs are missing.");
                return 0;
            }
            if (!resumed.get(0).status().isTerminal()) {
                log().warn(
                                "Run {} never recorded its end: it was killed, or it is still running. Resuming it while it "
                                        + "runs would write the same datasets twice.",
                                resumed.get(0).runId());
            }
            params = RecordedOptions.reuse(
                    this, resumed.get(0).runId(), resumed.get(0).options(), given);
        }
        // For this command only: call() removes them when it returns.
        Storage.defaultOptions("s3", s3Defaults());
        Project opened = project.builder().runtimeParams(params).open();
        Pipeline selected = selectPipeline(opened);
        // Before planning a resume, which reads the catalog: every entry this run needs, or why not, at once.
        opened.catalog().materialize(selected.datasets());
        // What a killed run of this project left beside these datasets goes before anything is written.
        AbandonedWrites.remove(opened.catalog(), selected.datasets());
        Optional<Pipeline> planned = plan(opened, selected, resumed, out);
        if (planned.isEmpty()) {
            return 0;
        }
        Pipeline toRun = planned.get();
        opened.config().checkParameterTypes(toRun);

        Runner.Builder builder = runnerBuilder().expectedNodeTimes(lastNodeTimes(history));
        String runId = RunHistory.newRunId(Instant.now());
        Path manifestFile = history.manifestFile(runId);
        RunManifestRecorder recorder = RunManifestRecorder.builder(manifestFile)
                .projectDir(opened.dir())
                .command(commandLine(given))
                .options(RecordedOptions.of(
                        this, opened.config().env(), opened.config().runtimeParams()))
                .resumedFrom(resumed.isEmpty() ? null : resumed.get(0).runId())
                .build();
        signals.beforeHalt(() -> {
            String why = "Run " + runId + " was interrupted (" + cancellation.reason()
                    + ") and stopped without waiting (" + cancellation.abortReason() + ").";
            if (recorder.abandon(why)) {
                err.println("Run " + runId + " was interrupted; its manifest is " + manifestFile + "." + NL
                        + "To resume, run:" + NL + "  " + projectCommand() + " --resume " + runId);
            }
        });
        RunResult result = null;
        RunFailedException failure = null;
        try (recorder;
                ProgressDisplay progress = ProgressDisplay.create(toRun.nodes().size())) {
            Runner run =
                    builder.hook(recorder).hooks(opened.hooks()).hook(progress).build();
            log().info("Project {}: recording run {} in {}", opened.dir(), runId, manifestFile);
            result = run.run(toRun, opened.catalog(), runId, cancellation);
        } catch (RunFailedException e) {
            failure = e;
        }
        if (report != null) {
            RunReport.write(manifestFile, report.toAbsolutePath());
            out.println("Report: " + report.toAbsolutePath());
        }
        if (failure != null) {
            FailureReport.print(err, failure, FailureReport.wholeTraceRequested(spec.commandLine()));
            err.println(ResumeHint.describe(
                    recorder.snapshot(),
                    resumed,
                    manifestFile,
                    selected,
                    opened.catalog(),
                    projectCommand(),
                    sliceCommand(opened.config().runtimeParams())));
            return failure instanceof RunInterruptedException
                    ? signals.exitCode().orElse(failure.kind().exitCode())
                    : failure.kind().exitCode();
        }
        out.printf(
                "Run %s completed: %d node(s) in %s.%n",
                result.runId(), result.nodeStates().size(), format(result.wallTime()));
        if (!result.verifyMismatches().isEmpty()) {
            out.println("Verify: these datasets reload differently from the values handed on: "
                    + result.verifyMismatches());
        }
        return 0;
    }

    /**
     * How long each node took in the project's last recorded run, to weigh critical-path scheduling;
     * empty when there is none or its manifest cannot be read (an older format, a damaged file).
     */
    private static Map<String, Duration> lastNodeTimes(RunHistory history) {
        try {
            return history.lastRunId().map(id -> history.read(id).nodeTimes()).orElse(Map.of());
        } catch (ConfigurationException e) {
            log().debug("No node times from the last run: {}", e.getMessage());
            return Map.of();
        }
    }

    /**
     * The nodes to run: the selection, or with {@code --resume} or {@code --only-missing-outputs} the
     * part of it that is needed (versioned inputs pinned in the catalog). Empty, after telling the user,
     * when nothing needs to run.
     */
    private Optional<Pipeline> plan(Project opened, Pipeline selected, List<RunManifest> resumed, PrintWriter out) {
        if (resumed.isEmpty() && !onlyMissingOutputs) {
            return Optional.of(selected);
        }
        ResumePlan plan = resumed.isEmpty()
                ? ResumePlan.onlyMissingOutputs(selected, opened.catalog())
                : ResumePlan.resume(selected, opened.catalog(), resumed);
        if (plan.isEmpty()) {
            out.println(
                    resumed.isEmpty()
                            ? "Every persisted output exists; no node needs to run."
                            : "Run " + resumed.get(0).runId() + " left nothing to do: every node completed and "
                                    + "every persisted output was committed.");
            return Optional.empty();
        }
        plan.reasons().forEach((node, reason) -> log().info("Running '{}': {}", node, reason));
        plan.pinLoadVersions(opened.catalog());
        return plan.pipeline();
    }

    List<String> pipelineNames() {
        return pipelines.isEmpty() ? List.of(PipelineRegistry.DEFAULT) : pipelines;
    }

    private Runner.Builder runnerBuilder() {
        Runner.Builder builder = Runner.builder();
        if (runner == RunnerKind.PARALLEL) {
            if (workers != null) {
                builder.parallel(workers);
            } else {
                builder.parallel();
            }
        } else if (workers != null) {
            // Only a resume gets here: the command line gave --workers, the resumed run was sequential.
            throw new ParameterException(
                    spec.commandLine(),
                    "Option '--workers " + workers + "' needs '--runner parallel': the resumed run used the"
                            + " sequential runner. Add --runner parallel, or drop --workers.");
        }
        builder.io(RunOptionChecks.ioMode(this, spec));
        if (maxPendingSaves != null) {
            builder.maxPendingSaves(maxPendingSaves);
        }
        if (maxPendingBytes != null) {
            builder.maxPendingBytes(RunOptionChecks.maxPendingBytes(spec, maxPendingBytes));
        }
        if (storeConcurrency != null) {
            builder.storeConcurrency(storeConcurrency);
        }
        RetryPolicy retry = RetryPolicy.DEFAULT;
        if (saveRetries != null) {
            retry = retry.withMaxRetries(saveRetries);
        }
        if (retryBudget != null) {
            retry = retry.withBudget(Duration.ofSeconds(retryBudget));
        }
        builder.retry(retry);
        return builder.verify(verify).checkMutation(checkMutation);
    }

    private Pipeline selectPipeline(Project opened) {
        List<Pipeline> selected = new ArrayList<>();
        for (String name : pipelineNames()) {
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
        Pipeline whole = Pipeline.concat(selected);
        Pipeline filtered = whole.filter(filter);
        if (filtered.isEmpty()) {
            throw new PipelineDefinitionException(EmptySelection.message(pipelineNames(), whole, filter));
        }
        return filtered;
    }

    /** {@code sluice run} with the option that locates the project. */
    private String projectCommand() {
        String dir = project.dir().toString();
        return dir.equals(".") ? "sluice run" : "sluice run --project " + quote(dir);
    }

    /** {@code sluice run} with every option that selects this run's nodes, except {@code --from-nodes}. */
    private String sliceCommand(Map<String, Object> params) {
        List<String> parts = new ArrayList<>(List.of(projectCommand()));
        if (project.env != null) {
            parts.add("--env " + quote(project.env));
        }
        if (project.confSource != null) {
            parts.add("--conf-source " + quote(project.confSource.toString()));
        }
        if (!pipelines.isEmpty()) {
            parts.add("--pipeline " + String.join(",", pipelines));
        }
        if (!params.isEmpty()) {
            parts.add("--params " + quote(RuntimeParams.format(params)));
        }
        option(parts, "--to-nodes", toNodes);
        option(parts, "--nodes", nodes);
        option(parts, "--from-inputs", fromInputs);
        option(parts, "--to-outputs", toOutputs);
        option(parts, "--tags", tags);
        option(parts, "--namespaces", namespaces);
        if (!project.hooks.isEmpty()) {
            parts.add("--hooks " + String.join(",", project.hooks));
        }
        return String.join(" ", parts);
    }

    private static void option(List<String> parts, String name, List<String> values) {
        if (!values.isEmpty()) {
            parts.add(name + " " + quote(String.join(",", values)));
        }
    }

    /** The command line as typed, for the manifest: values of runtime parameters that look secret are masked. */
    static String commandLine(ParseResult given) {
        List<String> args = new ArrayList<>(given.originalArgs());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--params") && i + 1 < args.size()) {
                args.set(i + 1, maskParams(args.get(i + 1)));
            } else if (arg.startsWith("--params=")) {
                args.set(i, "--params=" + maskParams(arg.substring("--params=".length())));
            }
        }
        List<String> quoted = new ArrayList<>(List.of("sluice"));
        args.forEach(a -> quoted.add(quote(a)));
        return String.join(" ", quoted);
    }

    private static String maskParams(String text) {
        List<String> items = new ArrayList<>();
        for (String item : RuntimeParams.items(text)) {
            int split = RuntimeParams.keyEnd(item);
            if (split < 0) {
                items.add(item);
                continue;
            }
            String key = item.substring(0, split).strip();
            Object masked =
                    SecretMasking.mask(Map.of(key, item.substring(split + 1))).get(key);
            items.add(item.substring(0, split + 1) + masked);
        }
        return String.join(",", items);
    }

    private static String quote(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_.,=:/@+%".indexOf(c) >= 0)) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String format(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }
}
