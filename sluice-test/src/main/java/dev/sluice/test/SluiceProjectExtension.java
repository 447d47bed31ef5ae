package dev.sluice.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that copies a Sluice project into a temporary directory before each test and
 * removes the copy after it; the test runs the copy through a {@link TestProject}, taken as a test
 * method parameter or from {@link #project()}. Use it through {@link SluiceProjectTest}, or register
 * it in code:
 *
 * <pre>{@code
 * @RegisterExtension
 * SluiceProjectExtension project = SluiceProjectExtension.copyOf(Path.of(".")).env("test");
 *
 * @Test
 * void runs() {
 *     project.project().run();
 * }
 * }</pre>
 *
 * <p>A relative project path resolves against the working directory (the module's, under Maven and
 * Gradle), or against the configuration parameter {@value #PROJECT_DIR} when it is set (in {@code
 * junit-platform.properties}, say). The copy leaves out build output, sources, version control and
 * earlier run records ({@code target}, {@code build}, {@code src}, {@code .git}, {@code .sluice}, ...).
 * A registered instance serves the tests of its class one at a time.
 */
public final class SluiceProjectExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SluiceProjectExtension.class);

    /**
     * The JUnit configuration parameter that relative project paths resolve against, for runners whose
     * working directory is not the project's (default: the working directory).
     */
    public static final String PROJECT_DIR = "sluice.project.dir";

    private final Path source;
    private final String env;
    private TestProject current;

    /** The extension as {@link SluiceProjectTest} uses it: the project and environment come from the annotation. */
    public SluiceProjectExtension() {
        this(null, null);
    }

    private SluiceProjectExtension(Path source, String env) {
        this.source = source;
        this.env = env;
    }

    /** An extension copying the project in {@code project}, run with environment {@code test}. */
    public static SluiceProjectExtension copyOf(Path project) {
        return new SluiceProjectExtension(Objects.requireNonNull(project, "project"), "test");
    }

    /** This extension, running the copy with configuration environment {@code environment}. */
    public SluiceProjectExtension env(String environment) {
        return new SluiceProjectExtension(source, Objects.requireNonNull(environment, "environment"));
    }

    /**
     * The current test's project copy.
     *
     * @throws IllegalStateException outside a test
     */
    public TestProject project() {
        if (current == null) {
            throw new IllegalStateException("The project copy exists only while a test runs (from its @BeforeEach "
                    + "methods on); ask for it inside a test.");
        }
        return current;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<SluiceProjectTest> annotation =
                AnnotationSupport.findAnnotation(context.getRequiredTestClass(), SluiceProjectTest.class);
        Path project = context.getConfigurationParameter(PROJECT_DIR)
                .map(Path::of)
                .orElse(Path.of(""))
                .resolve(
                        source != null
                                ? source
                                : Path.of(
                                        annotation.map(SluiceProjectTest::value).orElse(".")));
        String environment =
                env != null ? env : annotation.map(SluiceProjectTest::env).orElse("test");
        Path copy;
        try {
            copy = Files.createTempDirectory("sluice-project-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the project copy", e);
        }
        current = new TestProject(ProjectCopy.into(project, copy), environment);
        context.getStore(NAMESPACE).put(TestProject.class, current);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestProject project = context.getStore(NAMESPACE).remove(TestProject.class, TestProject.class);
        if (project != null) {
            ProjectCopy.delete(project.dir());
        }
        current = null;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestProject.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(TestProject.class, TestProject.class);
    }
}
