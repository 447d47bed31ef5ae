package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WarningsTest {
    @Test
    void add_sameWarningTwice_keptAndToldOnce() {
        Warnings warnings = Warnings.create();
        List<Warning> told = new ArrayList<>();
        warnings.onWarning(told::add);

        warnings.add("conf/base/catalog.yml:3", "old spelling");
        warnings.add("conf/base/catalog.yml:3", "old spelling");
        warnings.add("conf/base/catalog.yml:9", "old spelling");

        assertThat(warnings.list())
                .containsExactly(
                        new Warning("conf/base/catalog.yml:3", "old spelling"),
                        new Warning("conf/base/catalog.yml:9", "old spelling"));
        assertThat(told).isEqualTo(warnings.list());
    }

    @Test
    void onWarning_registeredLate_firstReceivesEarlierWarnings() {
        Warnings warnings = Warnings.create();
        warnings.add("a", "first");
        List<Warning> told = new ArrayList<>();

        warnings.onWarning(told::add);
        warnings.add("b", "second");

        assertThat(told).extracting(Warning::message).containsExactly("first", "second");
    }

    @Test
    void toString_sourceThenMessage() {
        assertThat(new Warning("pipeline 'ds'", "namespace interrupted").toString())
                .isEqualTo("pipeline 'ds': namespace interrupted");
        assertThat(new Warning("", "no source").toString()).isEqualTo("no source");
    }

    @Test
    void add_fromManyThreadsWhileListening_eachWarningToldExactlyOnce() throws InterruptedException {
        Warnings warnings = Warnings.create();
        List<Warning> told = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int thread = 0; thread < 4; thread++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 500; i++) {
                    warnings.add("s", "w" + i);
                }
            });
        }
        start.countDown();
        warnings.onWarning(told::add);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(told).hasSize(500).doesNotHaveDuplicates();
    }
}
