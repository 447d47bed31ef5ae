package dev.sluice.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.storage.Location;
import dev.sluice.storage.Storage;
import dev.sluice.storage.TransientIOException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A store that closes connections before answering, as S3Proxy sometimes does with a kept-alive one: a read
 * that carries no body is sent once more on a new connection, and fails only if that one is dropped too.
 */
class DroppedConnectionReadTest {
    private DroppingServer server;

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void size_firstConnectionClosedBeforeTheAnswer_isSentAgainAndAnswered() throws Exception {
        server = new DroppingServer(1);

        assertThat(location().size()).isEqualTo(5);
        assertThat(server.requests()).hasSize(2).allMatch(line -> line.startsWith("HEAD /bucket/data/x.csv "));
    }

    @Test
    void size_everyConnectionClosedBeforeTheAnswer_failsTransientlyAfterTheSecondTry() throws Exception {
        server = new DroppingServer(Integer.MAX_VALUE);

        assertThatThrownBy(() -> location().size())
                .isInstanceOf(TransientIOException.class)
                .hasMessageContaining("s3://bucket/data/x.csv");
        assertThat(server.requests()).hasSize(2);
    }

    private Location location() {
        return Storage.locate(
                "s3://bucket/data/x.csv",
                Path.of("."),
                Map.of("key", "k", "secret", "s"),
                Map.of("endpoint_url", server.endpoint(), "path_style", true, "request_timeout", 5));
    }

    /** Reads each request's head; closes the first {@code drops} connections without a word, answers the rest. */
    private static final class DroppingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        DroppingServer(int drops) throws IOException {
            acceptor = new Thread(() -> {
                int dropped = 0;
                while (!socket.isClosed()) {
                    try (Socket connection = socket.accept()) {
                        BufferedReader in = new BufferedReader(
                                new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
                        requests.add(in.readLine());
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // the headers
                        }
                        if (dropped < drops) {
                            dropped++;
                            continue; // closed without an answer
                        }
                        OutputStream out = connection.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/csv\r\n"
                                        + "ETag: \"e\"\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join();
        }
    }
}
