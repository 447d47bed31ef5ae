package dev.sluice.maven;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What both goals share: the forked CLI's class path, JVM, logging and arguments. */
abstract class AbstractSluiceMojo extends AbstractMojo {
    static final String MAIN_CLASS = "dev.sluice.cli.Main";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    /** More CLI arguments, as one string split like a shell would, e.g. {@code -Dsluice.args="--env prod -v"}. */
    @Parameter(property = "sluice.args")
    String args;

    /** More CLI arguments, one per element, for the POM. */
    @Parameter
    List<String> arguments = new ArrayList<>();

    /** Options for the forked JVM, e.g. {@code -Xmx4g}. */
    @Parameter(property = "sluice.jvmArgs")
    String jvmArgs;

    /** Skips the goal. */
    @Parameter(property = "sluice.skip", defaultValue = "false")
    boolean skip;

    /** The CLI command and its first arguments, for example {@code run --project DIR}. */
    abstract List<String> command() throws MojoExecutionException;

    /** The forked JVM's class path. */
    abstract List<String> classPath() throws MojoExecutionException;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping sluice (sluice.skip=true).");
            return;
        }
        List<String> cli = new ArrayList<>(command());
        cli.addAll(arguments);
        try {
            cli.addAll(Arguments.split(args));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("-Dsluice.args has an " + e.getMessage() + "; close the quote.", e);
        }
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(Arguments.split(jvmArgs));
        java.add("-Dsluice.logging.default=" + defaultLogging());
        java.add("-cp");
        java.add(String.join(File.pathSeparator, classPath()));
        java.add(MAIN_CLASS);
        java.addAll(cli);
        getLog().debug("Forking: " + java);
        int exit;
        try {
            exit = new ProcessBuilder(java)
                    .directory(project.getBasedir())
                    .inheritIO()
                    .start()
                    .waitFor();
        } catch (IOException e) {
            throw new MojoExecutionException("Could not start a JVM for sluice: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while sluice ran.", e);
        }
        if (exit != 0) {
            throw new MojoFailureException("sluice " + String.join(" ", cli) + " failed with exit code " + exit
                    + " (2 configuration, 3 pipeline definition, 4 node failure, 5 dataset I/O, 64 usage); its "
                    + "output is above.");
        }
    }

    /**
     * {@code first}, then each plugin artifact whose group and artifact id {@code first} does not hold: one
     * copy of each artifact on the class path.
     */
    static List<String> merge(Map<String, String> first, List<Artifact> plugin) {
        Map<String, String> merged = new LinkedHashMap<>(first);
        for (Artifact artifact : plugin) {
            if (artifact.getFile() != null && !"test".equals(artifact.getScope())) {
                merged.putIfAbsent(
                        artifact.getGroupId() + ":" + artifact.getArtifactId(),
                        artifact.getFile().getPath());
            }
        }
        return new ArrayList<>(merged.values());
    }

    /** The plugin's own artifacts, by group and artifact id. */
    Map<String, String> pluginClassPath() {
        return byKey(pluginArtifacts);
    }

    static Map<String, String> byKey(Iterable<Artifact> artifacts) {
        Map<String, String> paths = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            if (artifact.getFile() != null) {
                paths.putIfAbsent(
                        artifact.getGroupId() + ":" + artifact.getArtifactId(),
                        artifact.getFile().getPath());
            }
        }
        return paths;
    }

    /** Sluice's default logging configuration, written under target/sluice for the forked JVM. */
    private Path defaultLogging() throws MojoExecutionException {
        Path file = Path.of(project.getBuild().getDirectory(), "sluice", "logging.xml");
        try (InputStream in = getClass().getResourceAsStream("logging.xml")) {
            if (in == null) {
                throw new MojoExecutionException("logging.xml is missing from the Sluice Maven plugin's jar.");
            }
            Files.createDirectories(file.getParent());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
