package dev.sluice.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.RepositoryUtils;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.DependencyManagement;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.ArtifactTypeRegistry;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyNode;
import org.eclipse.aether.util.artifact.JavaScopes;

/**
 * {@code mvn sluice:package}: builds the project into one jar that {@code spark-submit} runs,
 * {@code target/<finalName>-spark.jar}. It holds the project's classes and resources, its run-time
 * dependencies and the Sluice CLI ({@code Main-Class: dev.sluice.cli.Main}), and the project's {@code conf/}
 * without {@code conf/local}; it leaves out Spark and everything Spark depends on (the cluster provides
 * them), artifacts listed in {@code provided} and theirs, and logging backends (the cluster's logs). Runs in
 * the {@code package} phase: {@code mvn package sluice:package}, or bind it in the POM.
 */
@Mojo(
        name = "package",
        defaultPhase = LifecyclePhase.PACKAGE,
        requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class PackageMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    RepositorySystemSession repositorySession;

    private final RepositorySystem repositorySystem;
    private final MavenProjectHelper projectHelper;

    /** The jar's classifier: the jar is {@code <finalName>-<classifier>.jar}, attached to the build. */
    @Parameter(property = "sluice.classifier", defaultValue = "spark")
    String classifier;

    /** The configuration packed into the jar (every environment except {@code local}). */
    @Parameter(property = "sluice.conf", defaultValue = "${project.basedir}/conf")
    File conf;

    /**
     * More artifacts the cluster provides, as {@code groupId:artifactId} ({@code *} matches any text), e.g.
     * {@code io.delta:*} on a cluster that has Delta Lake; they and their dependencies are left out like Spark.
     */
    @Parameter
    List<String> provided = new ArrayList<>();

    /** Skips the goal. */
    @Parameter(property = "sluice.skip", defaultValue = "false")
    boolean skip;

    @Inject
    public PackageMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper) {
        this.repositorySystem = repositorySystem;
        this.projectHelper = projectHelper;
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping sluice:package (sluice.skip=true).");
            return;
        }
        Path classes = Path.of(project.getBuild().getOutputDirectory());
        if (!Files.isDirectory(classes)) {
            throw new MojoExecutionException("There are no compiled classes in " + classes
                    + ": run the goal after the build's package phase (mvn package sluice:package), or bind it.");
        }
        List<Artifact> roots = JarContents.providedRoots(project.getArtifacts(), provided);
        if (roots.stream().noneMatch(a -> a.getGroupId().equals(JarContents.SPARK_GROUP))) {
            throw new MojoExecutionException("sluice:package builds a jar for spark-submit, and " + project.getId()
                    + " has no Spark (" + JarContents.SPARK_GROUP
                    + ") among its dependencies: add dev.sluice:sluice-spark, or"
                    + " ship the project as the guide's packaging chapter shows.");
        }
        JarContents contents = JarContents.select(project.getArtifacts(), pluginArtifacts, clusterProvided(roots));
        ApplicationJar jar = new ApplicationJar().directory(classes);
        contents.included().forEach(artifact -> jar.jar(artifact.getFile().toPath()));
        Path confDir = conf.toPath();
        boolean packsConf = Files.isDirectory(confDir.resolve("base"));
        if (packsConf) {
            jar.conf(confDir, Set.of("local"));
        } else {
            getLog().warn("No configuration packed: " + confDir.resolve("base") + " does not exist. Give the"
                    + " application its configuration with --conf-source on the cluster.");
        }
        Path target = Path.of(
                project.getBuild().getDirectory(), project.getBuild().getFinalName() + "-" + classifier + ".jar");
        try {
            Files.createDirectories(target.getParent());
            jar.write(target, AbstractSluiceMojo.MAIN_CLASS);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write " + target + ": " + e.getMessage(), e);
        }
        projectHelper.attachArtifact(project, "jar", classifier, target.toFile());
        report(target, contents, packsConf ? confDir + " (without local/)" : "none");
    }

    /**
     * The group and artifact ids of {@code roots} and of everything they depend on at run time, collected
     * with the project's dependency management (so with the versions the project resolved).
     */
    private Set<String> clusterProvided(List<Artifact> roots) throws MojoExecutionException {
        CollectRequest request = new CollectRequest();
        request.setRepositories(project.getRemoteProjectRepositories());
        for (Artifact root : roots) {
            request.addDependency(new Dependency(RepositoryUtils.toArtifact(root), JavaScopes.RUNTIME));
        }
        DependencyManagement management = project.getDependencyManagement();
        if (management != null) {
            ArtifactTypeRegistry types = repositorySession.getArtifactTypeRegistry();
            management
                    .getDependencies()
                    .forEach(d -> request.addManagedDependency(RepositoryUtils.toDependency(d, types)));
        }
        Set<String> keys = new TreeSet<>();
        try {
            collect(
                    repositorySystem
                            .collectDependencies(repositorySession, request)
                            .getRoot(),
                    keys);
        } catch (DependencyCollectionException e) {
            throw new MojoExecutionException(
                    "Could not list what " + roots.get(0).getId() + " depends on: " + e.getMessage(), e);
        }
        return keys;
    }

    private static void collect(DependencyNode node, Set<String> keys) {
        if (node.getArtifact() != null) {
            keys.add(node.getArtifact().getGroupId() + ":" + node.getArtifact().getArtifactId());
        }
        node.getChildren().forEach(child -> collect(child, keys));
    }

    private void report(Path target, JarContents contents, String confText) throws MojoExecutionException {
        long bytes;
        try {
            bytes = Files.size(target);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not read " + target + ": " + e.getMessage(), e);
        }
        getLog().info(String.format(
                Locale.ROOT,
                "Wrote %s (%.1f MiB): the project's classes and %d jars (its dependencies and the Sluice CLI's),"
                        + " conf from %s; Main-Class %s",
                target.getFileName(),
                bytes / (1024.0 * 1024.0),
                contents.included().size(),
                confText,
                AbstractSluiceMojo.MAIN_CLASS));
        getLog().info("Left out " + contents.clusterProvided().size() + " artifacts the cluster provides (Spark"
                + (provided.isEmpty() ? "" : ", " + String.join(", ", provided)) + " and their dependencies)");
        getLog().debug("Included: "
                + contents.included().stream().map(Artifact::getId).collect(Collectors.joining(", ")));
        getLog().debug("Left out: "
                + contents.clusterProvided().stream().map(Artifact::getId).collect(Collectors.joining(", ")));
    }
}
