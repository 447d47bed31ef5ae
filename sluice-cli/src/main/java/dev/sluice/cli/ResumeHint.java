package dev.sluice.cli;

import dev.sluice.SluiceException;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.manifest.ResumePlan;
import dev.sluice.manifest.RunManifest;
import dev.sluice.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * After a failed run, tells the user how to finish it: the exact {@code sluice run --resume} command,
 * and the equivalent {@code --from-nodes} command. Both come from the same {@link ResumePlan} that
 * {@code --resume} follows, computed from the run's final manifest.
 */
final class ResumeHint {
    private static final String NL = System.lineSeparator();

    private ResumeHint() {}

    /**
     * @param failed the failed run's final manifest
     * @param earlier the manifests of the runs it resumed, newest first (empty for a fresh run)
     * @param graph the pipeline the run selected from, with its filter applied
     * @param resumeCommand {@code sluice run} with the options that locate the project
     * @param sliceCommand {@code sluice run} with the options that select the same pipeline, without
     *     {@code --from-nodes}
     */
    static String describe(
            RunManifest failed,
            List<RunManifest> earlier,
            Path manifestFile,
            Pipeline graph,
            DataCatalog catalog,
            String resumeCommand,
            String sliceCommand) {
        String resume = resumeCommand + " --resume " + failed.runId();
        String ended = failed.status() == RunManifest.Status.INTERRUPTED ? " was interrupted" : " failed";
        String header = "Run " + failed.runId() + ended + "; its manifest is " + manifestFile + "." + NL;
        List<RunManifest> chain = new ArrayList<>();
        chain.add(failed);
        chain.addAll(earlier);
        ResumePlan plan;
        try {
            plan = ResumePlan.resume(graph, catalog, chain);
        } catch (SluiceException e) {
            return header + "To resume, run:" + NL + "  " + resume;
        }
        if (plan.isEmpty()) {
            return header + "Every node completed and every persisted output was committed; nothing is left to "
                    + "resume. Fix the problem above and run the pipeline again.";
        }
        return header
                + "To resume, re-running only " + String.join(", ", plan.nodeNames()) + ", run:" + NL
                + "  " + resume + NL
                + "or, with the same start nodes (this loads the latest stored versions):" + NL
                + "  " + sliceCommand + " --from-nodes " + String.join(",", plan.fromNodes());
    }
}
