package dev.sluice.cli;

import dev.sluice.SluiceException;
import dev.sluice.project.Session;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sluice jshell}: the JVM's {@code kedro ipython}. Opens the project and starts JShell in this
 * JVM with the project's class path and {@code session}, {@code catalog}, {@code pipelines} and
 * {@code params} defined, so snippets can load datasets, build and slice pipelines, and run them.
 * Input that is not a terminal (a file or a pipe) is read as a script.
 */
@Command(
        name = "jshell",
        mixinStandardHelpOptions = true,
        description = {
            "Start JShell with the project loaded (Kedro's 'kedro ipython'): session, catalog, pipelines and params"
                    + " are defined, and the project's classes are on the class path.",
            "Examples: catalog.load(\"companies\"); session.run(); "
                    + "session.run(Pipeline.Filter.none().withToNodes(List.of(\"train_model\")));"
                    + " session.run(pipelines.get(\"__default__\").fromNodes(\"split_data\"))"
        })
final class JShellCommand implements Callable<Integer> {
    /** What the startup defines, after JShell's default imports. */
    static final String STARTUP = """
            import dev.sluice.catalog.DataCatalog;
            import dev.sluice.pipeline.*;
            import dev.sluice.project.*;
            import dev.sluice.runner.*;
            Session session = dev.sluice.cli.JShellSession.session();
            DataCatalog catalog = session.catalog();
            Map<String, Pipeline> pipelines = session.pipelines();
            Map<String, Object> params = session.params();
            """;

    @Mixin
    ProjectOptions project = new ProjectOptions();

    @Parameters(
            paramLabel = "SCRIPT",
            arity = "0..*",
            description = "JShell scripts to run before reading the input (end a script with /exit to stop there).")
    List<Path> scripts = new ArrayList<>();

    @Option(
            names = "--feedback",
            paramLabel = "MODE",
            description = "JShell's feedback mode: verbose, normal, concise or silent (default: normal).")
    String feedback = "normal";

    /** Where JShell reads and writes; tests replace them. */
    InputStream in = System.in;

    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        Session session = Session.open(project.builder());
        JShellSession.set(session);
        Path startup = Files.createTempFile("sluice-jshell-", ".jsh");
        try {
            Files.writeString(startup, STARTUP);
            List<String> args = new ArrayList<>(List.of(
                    "--class-path",
                    classPath(),
                    "--execution",
                    "local",
                    "--startup",
                    "DEFAULT",
                    "--startup",
                    startup.toString(),
                    "--feedback",
                    feedback));
            scripts.forEach(script -> args.add(script.toAbsolutePath().toString()));
            boolean terminal = in == System.in && System.console() != null;
            if (terminal) {
                out.println("Sluice project " + session.project().dir() + ": session, catalog, pipelines and params "
                        + "are defined; session.run() runs __default__. /exit leaves.");
            }
            return JavaShellToolBuilder.builder()
                    .in(in, null)
                    .out(out)
                    .err(err)
                    .interactiveTerminal(terminal)
                    .start(args.toArray(String[]::new));
        } finally {
            JShellSession.set(null);
            Files.deleteIfExists(startup);
        }
    }

    /**
     * The class path JShell compiles snippets against: the JVM's, plus the directories and jars of any
     * class loader between the context class loader and the system one (projects opened in-process).
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        for (ClassLoader loader = Thread.currentThread().getContextClassLoader();
                loader != null && loader != ClassLoader.getSystemClassLoader();
                loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    entries.add(path(url));
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String path(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new SluiceException("Cannot put " + url + " on JShell's class path: " + e, e);
        }
    }
}
