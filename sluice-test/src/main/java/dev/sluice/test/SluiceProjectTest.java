package dev.sluice.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test of the class a {@link TestProject} parameter: a fresh copy of the project in {@link
 * #value()}, run with environment {@link #env()}.
 *
 * <pre>{@code
 * @SluiceProjectTest(env = "test")
 * class ProjectTest {
 *     @Test
 *     void defaultPipeline_writesTheWordCounts(TestProject project) {
 *         project.run();
 *         assertTrue(Files.exists(project.file("data/03_primary/word_counts.json")));
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SluiceProjectExtension.class)
public @interface SluiceProjectTest {
    /**
     * The project's root directory, relative to the working directory (Maven's: the module's) or to
     * the configuration parameter {@value SluiceProjectExtension#PROJECT_DIR}.
     */
    String value() default ".";

    /** The configuration environment, applied over {@code conf/base}. */
    String env() default "test";
}
