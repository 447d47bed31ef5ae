package dev.sluice.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class StorageNodesTest {
    private static final int SIZE = 4096;

    @Test
    void generate_sameSize_sameBytes() {
        assertThat(StorageNodes.generate(SIZE)).hasSize(SIZE).isEqualTo(StorageNodes.generate(SIZE));
    }

    @Test
    void generate_notAMultipleOfEight_fails() {
        assertThatThrownBy(() -> StorageNodes.generate(12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiple of 8");
    }

    @Test
    void transforms_anyInput_returnANewArrayOfTheSameSizeAndLeaveTheInputAlone() {
        for (UnaryOperator<byte[]> transform : java.util.List.<UnaryOperator<byte[]>>of(
                StorageNodes::scramble, StorageNodes::mask, StorageNodes::encode, in -> StorageNodes.merge(in, in))) {
            byte[] input = StorageNodes.generate(SIZE);
            byte[] copy = input.clone();

            byte[] output = transform.apply(input);

            assertThat(output).isNotSameAs(input).hasSize(SIZE).isNotEqualTo(input);
            assertThat(input).isEqualTo(copy);
        }
    }

    @Test
    void merge_arraysOfDifferentLengths_fails() {
        assertThatThrownBy(() -> StorageNodes.merge(new byte[8], new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 and 16");
    }
}
