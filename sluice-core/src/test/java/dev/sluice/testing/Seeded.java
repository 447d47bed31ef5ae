package dev.sluice.testing;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Property checks on seeded random input, in plain JUnit: a property is a check that draws its input
 * from a {@link Random}, run once per case, each case with its own seed.
 *
 * <pre>{@code
 * @Test
 * void layout_anyDag_noBoxesOverlap() {
 *     Seeded.forAll(200, random -> {
 *         Dag dag = Dag.random(random);
 *         assertThat(...);
 *     });
 * }
 * }</pre>
 *
 * <p>A run draws a fresh base seed, so every build explores new cases; a failure names the case's seed
 * and the command line that re-runs that one case. System properties (Maven passes {@code -D} options
 * through to the tests):
 *
 * <ul>
 *   <li>{@value #SEED_PROPERTY}: run only this seed (decimal, or hexadecimal with {@code 0x});
 *   <li>{@value #SCALE_PROPERTY}: multiply every property's case count (the {@code nightly} Maven
 *       profile sets 10).
 * </ul>
 */
public final class Seeded {
    /** Runs only the case with this seed. */
    public static final String SEED_PROPERTY = "sluice.seed";

    /** Multiplies every property's case count. */
    public static final String SCALE_PROPERTY = "sluice.cases.scale";

    private Seeded() {}

    /** One case of a property: draws its input from {@code random} and asserts. */
    @FunctionalInterface
    public interface Case {
        void check(Random random) throws Exception;
    }

    /**
     * Runs {@code property} for {@code cases} seeds (times the scale), or for the one seed the
     * {@value #SEED_PROPERTY} property gives; stops at the first failure and rethrows it as an
     * {@link AssertionError} whose message starts with the seed and the command that reproduces it.
     */
    public static void forAll(int cases, Case property) {
        String fixed = System.getProperty(SEED_PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            runCase(property, parseSeed(fixed.strip()), "the seed given with -D" + SEED_PROPERTY);
            return;
        }
        int total = cases * scale();
        SplittableRandom seeds = new SplittableRandom();
        for (int i = 1; i <= total; i++) {
            runCase(property, seeds.nextLong(), "case " + i + " of " + total);
        }
    }

    private static void runCase(Case property, long seed, String which) {
        try {
            property.check(new Random(seed));
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError vm) {
                throw vm;
            }
            String seedText = "0x" + Long.toHexString(seed);
            throw new AssertionError(
                    "Property failed with seed " + seedText + " (" + which + "). Re-run this case alone with:"
                            + System.lineSeparator() + "  " + reproduceCommand() + " -D" + SEED_PROPERTY + "="
                            + seedText + System.lineSeparator() + failure,
                    failure);
        }
    }

    static long parseSeed(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        try {
            return lower.startsWith("0x")
                    ? Long.parseUnsignedLong(lower.substring(2), 16)
                    : lower.startsWith("-0x") ? -Long.parseUnsignedLong(lower.substring(3), 16) : Long.parseLong(lower);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-D" + SEED_PROPERTY + " takes a number such as 0x5deece66d or 42, not '" + text + "'", e);
        }
    }

    private static int scale() {
        String text = System.getProperty(SCALE_PROPERTY);
        if (text == null || text.isBlank()) {
            return 1;
        }
        try {
            int scale = Integer.parseInt(text.strip());
            if (scale >= 1) {
                return scale;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "-D" + SCALE_PROPERTY + " takes a whole number of at least 1, not '" + text + "'");
    }

    /** {@code Class#method} of the JUnit test method that is running, for the reproduce command. */
    private static String reproduceCommand() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.filter(Seeded::isTestMethod)
                        .findFirst()
                        .map(f -> command(f.getDeclaringClass(), f.getMethodName()))
                        .orElse("mvn test -Dtest='<test class>#<test method>'"));
    }

    /** The Maven command that runs one test method, in its module when the class comes from one. */
    private static String command(Class<?> type, String method) {
        String module = "";
        try {
            Path classes = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (classes.endsWith(Path.of("target", "test-classes"))) {
                module = "-pl " + classes.getParent().getParent().getFileName() + " -am "
                        + "-Dsurefire.failIfNoSpecifiedTests=false ";
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Without the module, the command still names the test.
        }
        return "mvn test " + module + "-Dtest='" + type.getSimpleName() + "#" + method + "'";
    }

    private static boolean isTestMethod(StackWalker.StackFrame frame) {
        for (Method method : frame.getDeclaringClass().getDeclaredMethods()) {
            if (method.getName().equals(frame.getMethodName())) {
                for (Annotation annotation : method.getAnnotations()) {
                    if (annotation.annotationType().getPackageName().startsWith("org.junit.jupiter")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
