package dev.sluice.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The estimates against what the values measurably take: each test makes enough copies of a value to
 * fill tens of megabytes, reads the heap (and the direct buffer pool) after a full collection before and
 * after, and divides. Values stay well below a G1 region, so no copy is rounded up to a region of its own.
 */
class SizeEstimatorTest {
    /** How far an estimate may be from the measured size. */
    private static final double TOLERANCE = 0.10;

    private static final long TARGET_BYTES = 48L << 20;

    @Test
    void byteArray_isItsLengthPlusHeader() {
        assertMatchesHeap(i -> new byte[100_000 + i % 7]);
    }

    @Test
    void doubleArray_isEightBytesAnElement() {
        assertMatchesHeap(i -> new double[20_000]);
    }

    @Test
    void arrayOfBoxedDoubles_countsSlotsAndBoxes() {
        assertMatchesHeap(i -> {
            Double[] values = new Double[5_000];
            for (int j = 0; j < values.length; j++) {
                values[j] = (double) (i * 31 + j);
            }
            return values;
        });
    }

    @Test
    void heapByteBuffer_isItsBackingArray() {
        assertMatchesHeap(i -> ByteBuffer.allocate(200_000));
    }

    @Test
    void heapByteBufferSlices_shareOneArray() {
        ByteBuffer whole = ByteBuffer.allocate(1 << 20);
        List<ByteBuffer> slices = List.of(whole.slice(0, 1 << 19), whole.slice(1 << 19, 1 << 19), whole.duplicate());

        assertThat(SizeEstimator.estimate(slices)).isBetween((long) (1 << 20), (long) (1 << 20) + 1024);
    }

    @Test
    void directByteBuffer_isItsCapacityOffTheHeap() {
        int copies = 200;
        int capacity = 256 << 10;
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .findFirst()
                .orElseThrow();
        ByteBuffer[] keep = new ByteBuffer[copies];
        long heapBefore = usedHeap();
        long directBefore = direct.getMemoryUsed();
        for (int i = 0; i < copies; i++) {
            keep[i] = ByteBuffer.allocateDirect(capacity);
        }
        long directBytes = direct.getMemoryUsed() - directBefore;
        long heapBytes = usedHeap() - heapBefore;
        long estimate = SizeEstimator.estimate(keep[0]);
        Reference.reachabilityFence(keep);

        assertThat(directBytes).isEqualTo((long) copies * capacity);
        assertThat((double) estimate)
                .as("one direct buffer: %d bytes off the heap and %d on it", directBytes, heapBytes)
                .isCloseTo((double) (directBytes + heapBytes) / copies, within(capacity * TOLERANCE));
    }

    @Test
    void strings_latin1AndUtf16() {
        assertMatchesHeap(i -> "x".repeat(2_000) + i);
        assertMatchesHeap(i -> "ž".repeat(2_000) + i);
    }

    @Test
    void arrayListOfIntegers_countsSlotsAndBoxes() {
        assertMatchesHeap(i -> {
            List<Integer> list = new ArrayList<>();
            for (int j = 0; j < 5_000; j++) {
                list.add(1_000 + i * 5_000 + j);
            }
            return list;
        });
    }

    @Test
    void linkedListOfLongs_countsNodes() {
        assertMatchesHeap(i -> {
            List<Long> list = new LinkedList<>();
            for (long j = 0; j < 2_000; j++) {
                list.add(1_000 + i * 2_000L + j);
            }
            return list;
        });
    }

    @Test
    void hashMapOfStringsToDoubles_countsEntriesAndTable() {
        assertMatchesHeap(i -> {
            Map<String, Double> map = new HashMap<>();
            for (int j = 0; j < 2_000; j++) {
                map.put("key-" + i + "-" + j, j * 0.5);
            }
            return map;
        });
    }

    @Test
    void linkedHashMapAndTreeMap_countTheirEntries() {
        assertMatchesHeap(i -> {
            Map<Integer, String> map = new LinkedHashMap<>();
            for (int j = 0; j < 2_000; j++) {
                map.put(1_000 + j, "v" + j);
            }
            return map;
        });
        assertMatchesHeap(i -> {
            Map<Integer, String> map = new TreeMap<>();
            for (int j = 0; j < 2_000; j++) {
                map.put(1_000 + j, "v" + j);
            }
            return map;
        });
    }

    @Test
    void hashSetOfStrings_countsEntriesAndTable() {
        assertMatchesHeap(i -> {
            Set<String> set = new HashSet<>();
            for (int j = 0; j < 2_000; j++) {
                set.add("element-" + i + "-" + j);
            }
            return set;
        });
    }

    record Trade(long id, double price, int quantity, String symbol, BigDecimal fee) {}

    @Test
    void listOfRecords_countsEveryComponent() {
        assertMatchesHeap(i -> {
            Random random = new Random(i);
            List<Trade> trades = new ArrayList<>(1_000);
            for (int j = 0; j < 1_000; j++) {
                trades.add(new Trade(
                        j,
                        random.nextDouble(),
                        random.nextInt(),
                        "SYM" + random.nextInt(100_000),
                        BigDecimal.valueOf(random.nextInt(1_000_000), 2)));
            }
            return trades;
        });
    }

    /** A column store as a data frame library keeps one: names, and one primitive array per column. */
    static final class Columns {
        final String[] names = {"id", "price", "flag"};
        final Object[] columns;
        final int rows;

        Columns(int rows) {
            this.rows = rows;
            this.columns = new Object[] {new long[rows], new double[rows], new boolean[rows]};
        }
    }

    @Test
    void classOutsideTheJdk_isFollowedFieldByField() {
        assertMatchesHeap(i -> new Columns(5_000));
    }

    @Test
    void sharedObjects_countOnce() {
        byte[] shared = new byte[1 << 20];
        List<byte[]> twice = List.of(shared, shared);

        assertThat(SizeEstimator.estimate(twice)).isLessThan((1 << 20) + 1024);
    }

    @Test
    void nullAndEnum_areFree() {
        assertThat(SizeEstimator.estimate(null)).isZero();
        assertThat(SizeEstimator.estimate(Thread.State.RUNNABLE)).isZero();
    }

    /** Makes copies of {@code make}'s value until they fill about {@link #TARGET_BYTES}, then compares. */
    private static void assertMatchesHeap(IntFunction<Object> make) {
        long estimate = SizeEstimator.estimate(make.apply(0));
        int copies = (int) Math.max(20, Math.min(100_000, TARGET_BYTES / Math.max(1, estimate)));
        Object[] keep = new Object[copies];
        long before = usedHeap();
        for (int i = 0; i < copies; i++) {
            keep[i] = make.apply(i);
        }
        long after = usedHeap();
        long keepArray = 16 + 4L * copies;
        double measured = (double) (after - before - keepArray) / copies;
        long estimateOfCopy = SizeEstimator.estimate(keep[copies / 2]);
        Reference.reachabilityFence(keep);

        assertThat((double) estimateOfCopy)
                .as(
                        "estimate of a %s: %d bytes; the heap it takes: %.0f bytes (%d copies)",
                        keep[0].getClass().getSimpleName(), estimateOfCopy, measured, copies)
                .isCloseTo(measured, within(measured * TOLERANCE));
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
