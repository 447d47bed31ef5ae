package dev.sluice.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.storage.Storage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.compression.CommonsCompressionFactory;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.FixedSizeBinaryVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.dictionary.Dictionary;
import org.apache.arrow.vector.dictionary.DictionaryEncoder;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.util.Text;
import org.dflib.DataFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Apache Arrow's own Java library (in this module's tests only) reads the files Sluice writes, and
 * writes files, compressed as pandas writes them, that Sluice must read: the check that the format is
 * Arrow's and not only Sluice's idea of it.
 */
class ArrowJavaCrossCheckTest {
    private static final int ROWS_PER_BATCH = 3;
    private static final int BATCHES = 2;

    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void closeAllocator() {
        allocator.close();
    }

    @ParameterizedTest
    @EnumSource(FeatherCompression.class)
    void arrowJava_readsWhatSluiceWrites(FeatherCompression compression) throws IOException {
        Path file = dir.resolve("sluice.feather");
        DataFrame frame = SampleFrames.everyType();
        FeatherDataset.of(Storage.local(file))
                .withCompression(compression)
                .withChunkSize(2)
                .save(frame);
        assertThat(FeatherFiles.firstBatchCodec(file))
                .isEqualTo(compression == FeatherCompression.UNCOMPRESSED ? -1 : compression.arrowCodec());

        Map<String, List<Object>> read = readWithArrowJava(file);

        assertThat(read.keySet()).containsExactlyElementsOf(SampleFrames.names());
        for (String column : SampleFrames.names()) {
            assertThat(read.get(column))
                    .as("column %s", column)
                    .isEqualTo(frame.getColumn(column).toList());
        }
    }

    @Test
    void arrowJava_seesTheTypesSluiceChose() throws IOException {
        Path file = dir.resolve("types.feather");
        FeatherDataset.of(Storage.local(file)).save(SampleFrames.everyType());

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
            Map<String, ArrowType> types = new LinkedHashMap<>();
            reader.getVectorSchemaRoot().getSchema().getFields().forEach(f -> types.put(f.getName(), f.getType()));

            assertThat(types.get("int")).isEqualTo(new ArrowType.Int(32, true));
            assertThat(types.get("short")).isEqualTo(new ArrowType.Int(16, true));
            assertThat(types.get("float"))
                    .isEqualTo(
                            new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.SINGLE));
            assertThat(types.get("date")).isEqualTo(new ArrowType.Date(DateUnit.DAY));
            assertThat(types.get("date_time")).isEqualTo(new ArrowType.Timestamp(TimeUnit.NANOSECOND, null));
            assertThat(types.get("instant")).isEqualTo(new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC"));
            assertThat(types.get("old_date_time")).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
            assertThat(types.get("time")).isEqualTo(new ArrowType.Time(TimeUnit.NANOSECOND, 64));
            assertThat(types.get("nothing")).isEqualTo(ArrowType.Null.INSTANCE);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressionUtil.CodecType.class,
            names = {"NO_COMPRESSION", "LZ4_FRAME", "ZSTD"})
    void sluice_readsWhatArrowJavaWrites(CompressionUtil.CodecType codec) throws IOException {
        Path file = dir.resolve("arrow.feather");
        writeWithArrowJava(file, codec, false);
        assertThat(FeatherFiles.firstBatchCodec(file))
                .isEqualTo(codec == CompressionUtil.CodecType.NO_COMPRESSION ? -1 : codec.getType());
        assertThat(FeatherFiles.recordBatchCount(file)).isEqualTo(BATCHES);

        DataFrame frame = FeatherDataset.of(Storage.local(file)).load();

        Map<String, List<Object>> expected = expectedFromArrowJava();
        assertThat(frame.getColumnsIndex().toArray()).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, List<Object>> column : expected.entrySet()) {
            List<Object> actual =
                    new ArrayList<>(frame.getColumn(column.getKey()).toList());
            actual.replaceAll(
                    v -> v instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : v);
            assertThat(actual).as("column %s", column.getKey()).isEqualTo(column.getValue());
        }
    }

    @Test
    void sluice_skipsANestedColumnItWasNotAskedFor_andNamesItOtherwise() throws IOException {
        Path file = dir.resolve("nested.feather");
        writeWithArrowJava(file, CompressionUtil.CodecType.LZ4_FRAME, true);

        DataFrame some = FeatherDataset.of(Storage.local(file))
                .withColumns(List.of("name", "category"))
                .load();

        assertThat(some.getColumn("category").toList())
                .isEqualTo(expectedFromArrowJava().get("category"));
        assertThatThrownBy(() -> FeatherDataset.of(Storage.local(file)).load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("column 'tags' has Arrow type List")
                .hasMessageContaining("load_args.columns");
    }

    /** Every column, every row, as Sluice is expected to read what {@link #writeWithArrowJava} writes. */
    private static Map<String, List<Object>> expectedFromArrowJava() {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        for (int r = 0; r < ROWS_PER_BATCH * BATCHES; r++) {
            add(columns, "i32", r == 1 ? null : r * 10);
            add(columns, "i64", (long) r << 33);
            add(columns, "f64", r == 2 ? null : r + 0.5);
            add(columns, "half", r + 0.25f);
            add(columns, "flag", r % 2 == 0);
            add(columns, "name", r == 4 ? null : "name " + r);
            add(columns, "large", "large " + r);
            add(columns, "u8", 200 + r);
            add(columns, "u32", 3_000_000_000L + r);
            add(columns, "day", LocalDate.ofEpochDay(r * 1000L));
            add(columns, "day_ms", LocalDate.ofEpochDay(r));
            add(columns, "paris", Instant.ofEpochSecond(r, r * 1000L));
            add(columns, "sec", LocalDateTime.ofEpochSecond(r * 3600L, 0, ZoneOffset.UTC));
            add(columns, "clock", LocalTime.ofNanoOfDay(r * 1_001_000_000L));
            add(columns, "blob", r == 3 ? null : "0" + r);
            add(columns, "fixed", "0" + r + "0" + r);
            add(columns, "category", r % 3 == 2 ? null : r % 2 == 0 ? "low" : "high");
        }
        return columns;
    }

    private static void add(Map<String, List<Object>> columns, String name, Object value) {
        columns.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    private void writeWithArrowJava(Path file, CompressionUtil.CodecType codec, boolean withList) throws IOException {
        try (VarCharVector dictionaryValues = new VarCharVector("category-dictionary", allocator)) {
            dictionaryValues.allocateNew();
            dictionaryValues.setSafe(0, new Text("low"));
            dictionaryValues.setSafe(1, new Text("high"));
            dictionaryValues.setValueCount(2);
            Dictionary dictionary =
                    new Dictionary(dictionaryValues, new DictionaryEncoding(7L, false, new ArrowType.Int(8, true)));
            DictionaryProvider.MapDictionaryProvider provider =
                    new DictionaryProvider.MapDictionaryProvider(dictionary);

            List<FieldVector> vectors = new ArrayList<>();
            vectors.add(new IntVector("i32", allocator));
            vectors.add(new BigIntVector("i64", allocator));
            vectors.add(new Float8Vector("f64", allocator));
            vectors.add(new Float2Vector("half", allocator));
            vectors.add(new BitVector("flag", allocator));
            vectors.add(new VarCharVector("name", allocator));
            vectors.add(new LargeVarCharVector("large", allocator));
            vectors.add(new UInt1Vector("u8", allocator));
            vectors.add(new UInt4Vector("u32", allocator));
            vectors.add(new DateDayVector("day", allocator));
            vectors.add(new DateMilliVector("day_ms", allocator));
            vectors.add(new TimeStampMicroTZVector("paris", allocator, "Europe/Paris"));
            vectors.add(new TimeStampSecVector("sec", allocator));
            vectors.add(new TimeMilliVector("clock", allocator));
            vectors.add(new VarBinaryVector("blob", allocator));
            vectors.add(new FixedSizeBinaryVector("fixed", allocator, 2));
            VarCharVector categories = new VarCharVector("category", allocator);
            ListVector tags = ListVector.empty("tags", allocator);
            if (withList) {
                vectors.add(tags);
            }
            FieldVector encoded = null;
            try {
                for (FieldVector vector : vectors) {
                    vector.allocateNew();
                }
                categories.allocateNew();
                // The root's vectors are refilled for each batch; the encoded categories are replaced.
                Field encodedField = new Field(
                        // Arrow Java types an encoded field by its indices; the file says utf8.
                        "category", new FieldType(true, new ArrowType.Int(8, true), dictionary.getEncoding()), null);
                List<Field> fields = new ArrayList<>();
                vectors.forEach(v -> fields.add(v.getField()));
                fields.add(vectors.size() - (withList ? 1 : 0), encodedField);
                try (VectorSchemaRoot root = VectorSchemaRoot.create(
                                new org.apache.arrow.vector.types.pojo.Schema(fields), allocator);
                        FileChannel channel =
                                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        ArrowFileWriter writer = codec == CompressionUtil.CodecType.NO_COMPRESSION
                                ? new ArrowFileWriter(root, provider, channel)
                                : new ArrowFileWriter(
                                        root,
                                        provider,
                                        channel,
                                        Map.of(),
                                        IpcOption.DEFAULT,
                                        CommonsCompressionFactory.INSTANCE,
                                        codec,
                                        Optional.empty())) {
                    writer.start();
                    for (int b = 0; b < BATCHES; b++) {
                        for (int i = 0; i < ROWS_PER_BATCH; i++) {
                            fill(vectors, categories, tags, i, b * ROWS_PER_BATCH + i, withList);
                        }
                        for (FieldVector vector : vectors) {
                            vector.setValueCount(ROWS_PER_BATCH);
                        }
                        categories.setValueCount(ROWS_PER_BATCH);
                        if (encoded != null) {
                            encoded.close();
                        }
                        encoded = (FieldVector) DictionaryEncoder.encode(categories, dictionary);
                        for (FieldVector vector : vectors) {
                            vector.makeTransferPair(root.getVector(vector.getName()))
                                    .splitAndTransfer(0, ROWS_PER_BATCH);
                        }
                        encoded.makeTransferPair(root.getVector("category")).splitAndTransfer(0, ROWS_PER_BATCH);
                        root.setRowCount(ROWS_PER_BATCH);
                        writer.writeBatch();
                    }
                    writer.end();
                }
            } finally {
                if (encoded != null) {
                    encoded.close();
                }
                categories.close();
                for (FieldVector vector : vectors) {
                    vector.close();
                }
                if (!withList) {
                    tags.close();
                }
            }
        }
    }

    private static void fill(
            List<FieldVector> vectors, VarCharVector categories, ListVector tags, int i, int r, boolean withList) {
        Map<String, FieldVector> byName = new LinkedHashMap<>();
        vectors.forEach(v -> byName.put(v.getName(), v));
        if (r == 1) {
            ((IntVector) byName.get("i32")).setNull(i);
        } else {
            ((IntVector) byName.get("i32")).setSafe(i, r * 10);
        }
        ((BigIntVector) byName.get("i64")).setSafe(i, (long) r << 33);
        if (r == 2) {
            ((Float8Vector) byName.get("f64")).setNull(i);
        } else {
            ((Float8Vector) byName.get("f64")).setSafe(i, r + 0.5);
        }
        ((Float2Vector) byName.get("half")).setSafeWithPossibleTruncate(i, r + 0.25f);
        ((BitVector) byName.get("flag")).setSafe(i, r % 2 == 0 ? 1 : 0);
        if (r == 4) {
            ((VarCharVector) byName.get("name")).setNull(i);
        } else {
            ((VarCharVector) byName.get("name")).setSafe(i, new Text("name " + r));
        }
        ((LargeVarCharVector) byName.get("large")).setSafe(i, new Text("large " + r));
        ((UInt1Vector) byName.get("u8")).setSafe(i, 200 + r);
        ((UInt4Vector) byName.get("u32")).setSafe(i, (int) (3_000_000_000L + r));
        ((DateDayVector) byName.get("day")).setSafe(i, r * 1000);
        ((DateMilliVector) byName.get("day_ms")).setSafe(i, r * 86_400_000L);
        ((TimeStampMicroTZVector) byName.get("paris")).setSafe(i, r * 1_000_001L);
        ((TimeStampSecVector) byName.get("sec")).setSafe(i, r * 3600L);
        ((TimeMilliVector) byName.get("clock")).setSafe(i, r * 1001);
        if (r == 3) {
            ((VarBinaryVector) byName.get("blob")).setNull(i);
        } else {
            ((VarBinaryVector) byName.get("blob")).setSafe(i, new byte[] {(byte) r});
        }
        ((FixedSizeBinaryVector) byName.get("fixed")).setSafe(i, new byte[] {(byte) r, (byte) r});
        if (r % 3 == 2) {
            categories.setNull(i);
        } else {
            categories.setSafe(i, new Text(r % 2 == 0 ? "low" : "high"));
        }
        if (withList) {
            UnionListWriter writer = tags.getWriter();
            writer.setPosition(i);
            writer.startList();
            writer.writeInt(r);
            writer.endList();
            tags.setLastSet(i);
        }
    }

    /** Each column's values as Arrow Java reads them, in the Java types Sluice uses. */
    private Map<String, List<Object>> readWithArrowJava(Path file) throws IOException {
        Map<String, List<Object>> columns = new LinkedHashMap<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                ArrowFileReader reader = new ArrowFileReader(channel, allocator, CommonsCompressionFactory.INSTANCE)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            root.getSchema().getFields().forEach(f -> columns.put(f.getName(), new ArrayList<>()));
            for (ArrowBlock block : reader.getRecordBlocks()) {
                reader.loadRecordBatch(block);
                for (FieldVector vector : root.getFieldVectors()) {
                    for (int i = 0; i < root.getRowCount(); i++) {
                        columns.get(vector.getName()).add(sluiceValue(vector, i));
                    }
                }
            }
        }
        return columns;
    }

    private static Object sluiceValue(FieldVector vector, int i) {
        Object value = vector.getObject(i);
        if (value == null) {
            return null;
        }
        ArrowType type = vector.getField().getType();
        if (value instanceof Text text) {
            return text.toString();
        }
        if (type instanceof ArrowType.Date) {
            return LocalDate.ofEpochDay((Integer) value);
        }
        if (type instanceof ArrowType.Timestamp timestamp && timestamp.getTimezone() != null) {
            return Instant.EPOCH.plusNanos((Long) value);
        }
        if (type instanceof ArrowType.Time) {
            return LocalTime.ofNanoOfDay((Long) value);
        }
        return value;
    }
}
