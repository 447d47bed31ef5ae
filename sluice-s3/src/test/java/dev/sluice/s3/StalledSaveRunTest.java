package dev.sluice.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.TextDataset;
import dev.sluice.pipeline.Node;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.runner.RetryPolicy;
import dev.sluice.runner.RunFailedException;
import dev.sluice.runner.Runner;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A run whose save meets an endpoint that accepts connections and never answers: the run fails naming
 * the dataset, the endpoint and the timeout, and what is logged at the default level (INFO) carries no
 * frame of the AWS SDK or Netty.
 */
class StalledSaveRunTest {
    private SilentServer server;
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level rootLevel;

    @BeforeEach
    void start() throws IOException {
        server = new SilentServer();
        // INFO is what the CLI logs by default; this module's logback-test.xml says WARN.
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void stop() throws Exception {
        root.detachAppender(logged);
        root.setLevel(rootLevel);
        server.close();
        S3Clients.closeAll();
    }

    @Test
    void run_saveToAStalledStore_failsNamingDatasetEndpointAndTimeoutWithoutSdkFramesInTheLog() {
        String endpoint = server.endpoint();
        for (Map<String, Object> fsArgs : List.<Map<String, Object>>of(
                Map.of("endpoint_url", endpoint, "request_timeout", 0.5),
                Map.of("endpoint_url", endpoint, "save_timeout", 0.5))) {
            DataCatalog catalog = DataCatalog.builder()
                    .add(
                            "model_report",
                            TextDataset.at(Storage.locate(
                                    "s3://bucket/08_reporting/report.txt",
                                    Path.of("."),
                                    Map.of("key", "k", "secret", "s"),
                                    fsArgs)))
                    .build();
            Pipeline pipeline =
                    Pipeline.of(Node.named("report").outputs("model_report").fn(() -> "accuracy: 0.97"));

            RunFailedException failure = catchThrowableOfType(
                    RunFailedException.class,
                    () -> Runner.builder().retry(RetryPolicy.NONE).build().run(pipeline, catalog));

            assertThat(failure.getMessage()).as("with %s", fsArgs.keySet()).contains("model_report", endpoint, "0.5 s");
        }
        List<String> sdkFrames = new ArrayList<>();
        for (ILoggingEvent event : logged.list) {
            assertThat(event.getFormattedMessage()).doesNotContain("\tat software.amazon", "\tat io.netty");
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    String className = frame.getStackTraceElement().getClassName();
                    if (className.startsWith("software.amazon") || className.startsWith("io.netty")) {
                        sdkFrames.add(event.getLoggerName() + ": " + frame);
                    }
                }
            }
        }
        assertThat(sdkFrames)
                .as("SDK and Netty frames logged at INFO and above")
                .isEmpty();
        assertThat(logged.list).as("the run logged its failure").isNotEmpty();
    }
}
