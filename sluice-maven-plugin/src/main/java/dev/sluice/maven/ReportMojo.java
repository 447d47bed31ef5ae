package dev.sluice.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code mvn sluice:report}: writes the HTML report of a recorded run ({@code -Dsluice.run}, default the
 * last) without compiling anything; {@code -Dsluice.output} chooses the file.
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractSluiceMojo {
    /** The run: its id, a unique start of one, or {@code last}. */
    @Parameter(property = "sluice.run", defaultValue = "last")
    String run;

    /** Where to write the report (default: report.html beside the run's manifest). */
    @Parameter(property = "sluice.output")
    String output;

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(
                List.of("report", run, "--project", project.getBasedir().getPath()));
        if (output != null && !output.isBlank()) {
            command.add("--output");
            command.add(output);
        }
        return command;
    }

    /** The CLI and logback alone: a report needs none of the project's classes. */
    @Override
    List<String> classPath() {
        return new ArrayList<>(pluginClassPath().values());
    }
}
