package dev.sluice.cli;

import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice pipeline list|describe}: the project's pipelines and their nodes. */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        description = "List the project's pipelines or describe one.",
        subcommands = {PipelineCommand.ListPipelines.class, PipelineCommand.Describe.class})
final class PipelineCommand {

    /** {@code sluice pipeline list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the project's pipelines.")
    static final class ListPipelines implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions project = new ProjectOptions();

        @Override
        public Integer call() {
            Project opened = project.open();
            PrintWriter out = spec.commandLine().getOut();
            opened.pipelines()
                    .forEach((name, pipeline) -> out.printf(
                            "%-24s %d node(s)%n", name, pipeline.nodes().size()));
            return 0;
        }
    }

    /** {@code sluice pipeline describe [NAME]}. */
    @Command(
            name = "describe",
            mixinStandardHelpOptions = true,
            description = "Show a pipeline's nodes in run order, with their inputs, outputs, tags and namespaces.")
    static final class Describe implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ProjectOptions project = new ProjectOptions();

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "The pipeline (default: __default__).")
        String name = PipelineRegistry.DEFAULT;

        @Option(
                names = "--groups",
                description = "Also list the nodes in topological groups (Kedro's grouped_nodes): each group's nodes "
                        + "depend only on nodes of earlier groups, so an orchestrator may run a group in parallel.")
        boolean groups;

        @Override
        public Integer call() {
            Pipeline pipeline = project.open().pipeline(name);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Pipeline %s: %d node(s)%n", name, pipeline.nodes().size());
            out.println("Free inputs:  " + pipeline.inputs());
            out.println("Free outputs: " + pipeline.outputs());
            out.println("Nodes, in run order:");
            for (Node node : pipeline.nodes()) {
                out.printf("  %s%n      %s -> %s%n", node.name(), node.inputs(), node.outputs());
                if (!node.tags().isEmpty() || node.namespace().isPresent()) {
                    out.printf(
                            "      tags %s%s%n",
                            node.tags(),
                            node.namespace().map(ns -> ", namespace " + ns).orElse(""));
                }
            }
            if (groups) {
                out.println("Groups (each depends only on earlier groups):");
                List<List<Node>> grouped = pipeline.groupedNodes();
                for (int i = 0; i < grouped.size(); i++) {
                    out.printf(
                            "  %d: %s%n",
                            i + 1, grouped.get(i).stream().map(Node::name).toList());
                }
            }
            return 0;
        }
    }
}
