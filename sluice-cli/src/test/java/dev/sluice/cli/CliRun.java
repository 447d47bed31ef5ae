package dev.sluice.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Runs the CLI in-process with a chosen class loader and captures its output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(ClassLoader loader, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute(args);
            return new CliRun(code, out.toString(), err.toString());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Runs {@code sluice ARGS --project PROJECT}. */
    static CliRun inProject(ClassLoader loader, Path project, String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--project";
        all[args.length + 1] = project.toString();
        return run(loader, all);
    }

    /** A class loader that adds a service file registering {@code registryClass} as the pipeline registry. */
    static ClassLoader withRegistry(Path dir, Class<?> registryClass) {
        try {
            Path services = dir.resolve("META-INF/services");
            Files.createDirectories(services);
            Files.writeString(services.resolve("dev.sluice.project.PipelineRegistry"), registryClass.getName());
            return new URLClassLoader(new URL[] {dir.toUri().toURL()}, CliRun.class.getClassLoader());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
