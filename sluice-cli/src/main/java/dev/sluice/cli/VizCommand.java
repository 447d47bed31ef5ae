package dev.sluice.cli;

import dev.sluice.ConfigurationException;
import dev.sluice.catalog.CatalogEntry;
import dev.sluice.config.SecretMasking;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import dev.sluice.report.PipelineView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sluice viz}: a pipeline drawn as one self-contained HTML page, Kedro-Viz's role. */
@Command(
        name = "viz",
        mixinStandardHelpOptions = true,
        description = {
            "Write an HTML view of a pipeline: its nodes and datasets as a graph, with tags and namespaces, "
                    + "persisted datasets told apart from memory ones.",
            "The page is self-contained: it loads nothing from the network."
        })
final class VizCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Option(
            names = {"--pipeline", "-p"},
            paramLabel = "NAME",
            description = "The pipeline to draw (default: __default__).")
    String pipelineName = PipelineRegistry.DEFAULT;

    @Option(
            names = {"--output", "-o"},
            paramLabel = "FILE",
            description = "Where to write the page (default: <project>/.sluice/viz/<pipeline>.html).")
    Path output;

    @Override
    public Integer call() {
        Project opened = project.open();
        Pipeline pipeline = opened.pipeline(pipelineName);
        Map<String, String> persisted = new TreeMap<>();
        for (String dataset : pipeline.datasets()) {
            opened.catalog()
                    .entry(dataset)
                    .filter(e -> e.dataset().isPersistent())
                    .ifPresent(e -> persisted.put(dataset, describe(e)));
        }
        String html = PipelineView.render(pipeline, pipelineName, persisted);
        Path target =
                output != null ? output : opened.dir().resolve(".sluice/viz").resolve(pipelineName + ".html");
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(target, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException(
                    "Can't write the pipeline view to '" + target + "' (" + e
                            + "); choose another file with --output FILE.",
                    e);
        }
        spec.commandLine().getOut().println(target);
        return 0;
    }

    /** "csv data/01_raw/x.csv", or "slow(csv) ..." for a wrapper; credentials never reach the page. */
    private static String describe(CatalogEntry entry) {
        Map<String, Object> description = SecretMasking.mask(entry.dataset().describe());
        String type = String.valueOf(description.getOrDefault("type", "?"));
        Object path = description.get("filepath");
        if (description.get("dataset") instanceof Map<?, ?> inner) {
            type += "(" + inner.get("type") + ")";
            if (path == null) {
                path = inner.get("filepath");
            }
        }
        return path == null ? type : type + " " + path;
    }
}
