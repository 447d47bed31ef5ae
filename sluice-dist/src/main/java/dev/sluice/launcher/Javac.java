package dev.sluice.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles a project's main sources in this JVM through {@code javax.tools}, and copies its resources. */
final class Javac {
    private Javac() {}

    /**
     * Compiles every {@code .java} file under {@code sourceDirs} into a fresh {@code output} directory, then
     * copies the resources there.
     *
     * @throws LaunchException listing the compiler's errors with file and line
     */
    static void compile(
            List<Path> sourceDirs, List<Path> resourceDirs, List<Path> classPath, List<String> options, Path output) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new LaunchException("The Java runtime at " + System.getProperty("java.home") + " has no compiler; "
                    + "run Sluice with a JDK (set JAVA_HOME to one), not a JRE.");
        }
        deleteTree(output);
        List<Path> sources = new ArrayList<>();
        for (Path file : Fingerprint.filesUnder(sourceDirs)) {
            if (file.toString().endsWith(".java")) {
                sources.add(file);
            }
        }
        try {
            Files.createDirectories(output);
            if (!sources.isEmpty()) {
                List<String> arguments = new ArrayList<>(options);
                arguments.addAll(List.of("-d", output.toString(), "-implicit:none", "-Xlint:none", "-nowarn"));
                arguments.addAll(List.of("-classpath", join(classPath)));
                DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
                try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
                    boolean compiled = compiler.getTask(
                                    null,
                                    files,
                                    diagnostics,
                                    arguments,
                                    null,
                                    files.getJavaFileObjectsFromPaths(sources))
                            .call();
                    if (!compiled) {
                        throw new LaunchException("The project's sources do not compile:\n" + errors(diagnostics)
                                + "\nFix them and run again.");
                    }
                }
            }
            for (Path dir : resourceDirs) {
                for (Path file : Fingerprint.filesUnder(List.of(dir))) {
                    Path target = output.resolve(dir.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String errors(DiagnosticCollector<JavaFileObject> diagnostics) {
        StringBuilder text = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                String where = d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ";
                text.append(where)
                        .append("error: ")
                        .append(d.getMessage(Locale.ROOT))
                        .append('\n');
            }
        }
        return text.toString().stripTrailing();
    }

    private static String join(List<Path> paths) {
        return String.join(
                java.io.File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
