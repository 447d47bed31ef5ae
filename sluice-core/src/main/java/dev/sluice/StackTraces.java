package dev.sluice;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stack traces as a developer wants to read them: the exception behind a Sluice failure, printed the
 * way the JVM prints it, with the frames of Sluice's own machinery (and the JDK's reflection) folded
 * into one line each, such as {@code ... 12 Sluice frames}. The CLI prints traces folded, the run
 * manifest keeps them whole, and the run report folds them into expandable parts.
 *
 * <p>Folding works on the printed text, so a trace read back from a manifest folds like a live one. A
 * frame is Sluice's when its class is in a {@code dev.sluice} package (the example projects under
 * {@code dev.sluice.examples} count as user code). Below the last frame of user code, the rest of each
 * block (the runner, the thread pool, the CLI, the test framework) folds into one line as soon as it
 * holds a Sluice frame.
 */
public final class StackTraces {
    private static final String SLUICE = "dev.sluice.";
    private static final String EXAMPLES = "dev.sluice.examples.";
    private static final List<String> REFLECTION =
            List.of("java.lang.reflect.", "jdk.internal.reflect.", "sun.reflect.", "java.lang.invoke.");
    private static final List<String> PLATFORM = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.",
            "picocli.",
            "org.junit.",
            "junit.",
            "org.apache.maven.surefire.",
            "org.gradle.",
            "worker.org.gradle.",
            "com.intellij.",
            "org.eclipse.jdt.internal.junit");

    private StackTraces() {}

    /** One line of a folded trace: a line as printed, or a run of frames shown as one line. */
    public sealed interface Part permits Line, Fold {
        /** The part as one line of text, without a line separator. */
        String text();
    }

    /** A line of the trace as printed: a header, a frame, a {@code ... N more}. */
    public record Line(String text) implements Part {}

    /**
     * Consecutive frames folded into one line.
     *
     * @param indent the frames' indentation (a tab, or more for suppressed exceptions)
     * @param label what the frames are: {@code Sluice frames} or {@code reflection frames}
     * @param lines the folded frame lines, as printed
     */
    public record Fold(String indent, String label, List<String> lines) implements Part {
        public Fold {
            lines = List.copyOf(lines);
        }

        @Override
        public String text() {
            return indent + "... " + lines.size() + " " + label;
        }
    }

    /**
     * The exception behind {@code failure}: the first cause that is not a {@link SluiceException} (a
     * node's own exception, the I/O error behind a failed save). Empty when Sluice's message is the
     * whole story (a bad setting, a node that returned too few values).
     */
    public static Optional<Throwable> underlying(Throwable failure) {
        Throwable current = failure;
        while (current instanceof SluiceException) {
            current = current.getCause();
        }
        return Optional.ofNullable(current);
    }

    /** {@code error}'s stack trace as {@link Throwable#printStackTrace()} prints it, lines ending in {@code \n}. */
    public static String print(Throwable error) {
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            error.printStackTrace(writer);
        }
        return text.toString().replace("\r\n", "\n");
    }

    /** {@code printed} (a trace as {@link #print} writes it) with Sluice's and reflection frames folded. */
    public static List<Part> fold(String printed) {
        List<Part> parts = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (String line : printed.replace("\r\n", "\n").split("\n")) {
            if (frameClass(line) != null) {
                block.add(line);
                continue;
            }
            foldBlock(block, parts);
            block.clear();
            if (!line.isEmpty()) {
                parts.add(new Line(line));
            }
        }
        foldBlock(block, parts);
        return parts;
    }

    /** {@link #fold} as text: one line per part, each ending in {@code \n}. */
    public static String folded(String printed) {
        StringBuilder text = new StringBuilder();
        for (Part part : fold(printed)) {
            text.append(part.text()).append('\n');
        }
        return text.toString();
    }

    /** Folds one block of consecutive frames (one exception's own frames). */
    private static void foldBlock(List<String> frames, List<Part> parts) {
        if (frames.isEmpty()) {
            return;
        }
        int lastUser = -1;
        boolean sluiceBelow = false;
        for (int i = 0; i < frames.size(); i++) {
            String type = frameClass(frames.get(i));
            if (isUser(type)) {
                lastUser = i;
                sluiceBelow = false;
            } else if (isSluice(type)) {
                sluiceBelow = true;
            }
        }
        // Without any user frame there is nothing to point at: keep the trace as it is.
        int tail = lastUser >= 0 && sluiceBelow ? lastUser + 1 : frames.size();
        List<String> run = new ArrayList<>();
        boolean runHasSluice = false;
        for (int i = 0; i < tail; i++) {
            String line = frames.get(i);
            String type = frameClass(line);
            if (lastUser >= 0 && (isSluice(type) || isReflection(type))) {
                run.add(line);
                runHasSluice |= isSluice(type);
                continue;
            }
            flush(run, runHasSluice, parts);
            runHasSluice = false;
            parts.add(new Line(line));
        }
        for (int i = tail; i < frames.size(); i++) {
            run.add(frames.get(i));
            runHasSluice = true;
        }
        flush(run, runHasSluice, parts);
    }

    private static void flush(List<String> run, boolean hasSluice, List<Part> parts) {
        if (run.isEmpty()) {
            return;
        }
        String first = run.get(0);
        String indent = first.substring(0, first.length() - first.stripLeading().length());
        parts.add(new Fold(indent, hasSluice ? "Sluice frames" : "reflection frames", run));
        run.clear();
    }

    /**
     * The class of a printed frame ({@code \tat java.base/java.util.List.of(List.java:1)} gives {@code
     * java.util.List}), or {@code null} when the line is not a frame.
     */
    static String frameClass(String line) {
        String text = line.strip();
        if (!text.startsWith("at ") || !text.endsWith(")")) {
            return null;
        }
        int paren = text.indexOf('(');
        if (paren < 0) {
            return null;
        }
        String method = text.substring(3, paren);
        method = method.substring(method.lastIndexOf('/') + 1);
        int dot = method.lastIndexOf('.');
        return dot <= 0 ? null : method.substring(0, dot);
    }

    private static boolean isSluice(String type) {
        return type.startsWith(SLUICE) && !type.startsWith(EXAMPLES);
    }

    private static boolean isReflection(String type) {
        return REFLECTION.stream().anyMatch(type::startsWith);
    }

    private static boolean isUser(String type) {
        return !isSluice(type) && !isReflection(type) && PLATFORM.stream().noneMatch(type::startsWith);
    }
}
