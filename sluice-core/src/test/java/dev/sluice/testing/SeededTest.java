package dev.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeededTest {
    @AfterEach
    void clearProperties() {
        System.clearProperty(Seeded.SEED_PROPERTY);
        System.clearProperty(Seeded.SCALE_PROPERTY);
    }

    @Test
    void forAll_failingCase_namesItsSeedAndTheCommandThatReRunsIt() {
        List<Long> firstDraws = new ArrayList<>();

        Throwable failure = catchFailure(() -> Seeded.forAll(1000, random -> {
            long draw = random.nextLong();
            firstDraws.add(draw);
            assertThat(draw % 7).isNotEqualTo(3);
        }));

        String message = failure.getMessage();
        assertThat(message)
                .startsWith("Property failed with seed 0x")
                .contains("mvn test -pl sluice-core -am -Dsurefire.failIfNoSpecifiedTests=false "
                        + "-Dtest='SeededTest#forAll_failingCase_namesItsSeedAndTheCommandThatReRunsIt'")
                .contains("-Dsluice.seed=0x");
        assertThat(failure.getCause()).isInstanceOf(AssertionError.class);
        String seed = message.substring(message.indexOf("0x"), message.indexOf(' ', message.indexOf("0x")));
        long failingDraw = firstDraws.get(firstDraws.size() - 1);
        assertThat(new Random(Seeded.parseSeed(seed)).nextLong()).isEqualTo(failingDraw);
    }

    @Test
    void forAll_seedProperty_runsThatSeedAlone() {
        System.setProperty(Seeded.SEED_PROPERTY, "0x2a");
        List<Long> draws = new ArrayList<>();

        Seeded.forAll(50, random -> draws.add(random.nextLong()));

        assertThat(draws).containsExactly(new Random(42).nextLong());
    }

    @Test
    void forAll_scaleProperty_multipliesTheCases() {
        System.setProperty(Seeded.SCALE_PROPERTY, "3");
        int[] cases = {0};

        Seeded.forAll(7, random -> cases[0]++);

        assertThat(cases[0]).isEqualTo(21);
    }

    @Test
    void forAll_badSeedProperty_saysWhatItTakes() {
        System.setProperty(Seeded.SEED_PROPERTY, "forty-two");

        assertThatThrownBy(() -> Seeded.forAll(1, random -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dsluice.seed takes a number such as 0x5deece66d or 42, not 'forty-two'");
    }

    @Test
    void parseSeed_decimalHexAndNegative_allRead() {
        assertThat(Seeded.parseSeed("42")).isEqualTo(42);
        assertThat(Seeded.parseSeed("0xff")).isEqualTo(255);
        assertThat(Seeded.parseSeed("0xffffffffffffffff")).isEqualTo(-1);
        assertThat(Seeded.parseSeed("-7")).isEqualTo(-7);
    }

    private static Throwable catchFailure(Runnable run) {
        try {
            run.run();
        } catch (AssertionError e) {
            return e;
        }
        throw new AssertionError("the property never failed");
    }
}
