package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.project.PipelineRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** The CLI logs the project's warnings: pipeline warnings such as Kedro's interrupted namespace. */
class WarningsCliTest {
    @TempDir
    Path dir;

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.sluice.warnings");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() throws IOException {
        new ChainProject(dir).create();
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logged);
    }

    /** raw -> ingest.n1 -> a -> n2 -> b -> ingest.n3: n2 interrupts namespace 'ingest'. */
    private static Pipeline interrupted() {
        return Pipeline.of(
                Node.named("n1").namespace("ingest").inputs("raw").outputs("a").fn((String x) -> x),
                Node.named("n2").inputs("a").outputs("b").fn((String x) -> x),
                Node.named("n3").namespace("ingest").inputs("b").outputs("c").fn((String x) -> x));
    }

    @Test
    void pipelineDescribe_interruptedNamespace_isLoggedAsAWarning() {
        CommandLine cli = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        PipelineCommand.Describe describe = (PipelineCommand.Describe) cli.getSubcommands()
                .get("pipeline")
                .getSubcommands()
                .get("describe")
                .getCommand();
        describe.project.configure = builder -> builder.registry(() -> Map.of(PipelineRegistry.DEFAULT, interrupted()));

        int exit = cli.execute("pipeline", "describe", "--project", dir.toString());

        assertThat(exit).isZero();
        assertThat(logged.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("pipeline '__default__': Namespace 'ingest' is interrupted by nodes ['n2'] and thus "
                        + "invalid. Nodes outside it lie between its nodes, so it cannot run as one group (as 'sluice "
                        + "run --namespaces ingest' or an orchestrator would run it); move those nodes into the "
                        + "namespace, or split it in two.");
    }
}
