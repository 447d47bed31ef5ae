package dev.sluice.io;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a dataset leaves in its store, as another transcoding of the same data needs to know it: the file
 * format, how the files are laid out, and the format options that decide how the bytes parse. A run compares
 * it, before any node starts, with the entry that reads it ({@link Dataset#cannotRead}), so that {@code
 * x@spark} written and {@code x@dflib} read fails at once, naming both, when one cannot read the other.
 *
 * @param format the file format in lower case, as Spark names its sources ({@code parquet}, {@code csv},
 *     {@code json}, {@code orc}, {@code delta})
 * @param layout how the files are laid out under the path
 * @param options format options that change how the bytes parse, under Spark's names ({@code header} as
 *     {@code true} or {@code false}, {@code sep}); absent keys take the format's usual default
 */
public record StoredForm(String format, Layout layout, Map<String, String> options) {
    /** How a dataset's files are laid out under its path. */
    public enum Layout {
        /** One file at the path. */
        FILE,
        /** A directory of part files ({@code part-00000-...}), as Spark and Hadoop write a dataset. */
        PART_FILES,
        /** A directory of {@code column=value/} directories of part files (Spark's {@code partitionBy}). */
        PARTITIONED,
        /** A table format's directory (Delta Lake), whose files are not all part of the current version. */
        TABLE
    }

    public StoredForm {
        format = Objects.requireNonNull(format, "format").toLowerCase(Locale.ROOT);
        Objects.requireNonNull(layout, "layout");
        options = Map.copyOf(options);
    }

    /** {@code format} in {@code layout}, with no options. */
    public static StoredForm of(String format, Layout layout) {
        return new StoredForm(format, layout, Map.of());
    }

    /** The option {@code key}, or {@code fallback} when it is not set. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /**
     * Why a type that reads one {@code readerFormat} file, a directory of such part files, or a partitioned
     * directory of them, cannot read this form, which the entry {@code writer} saves; empty when it can. For the
     * JVM's file types.
     */
    public Optional<String> unreadableAsFiles(String readerFormat, String writer) {
        return unreadableAsFiles(readerFormat, true, writer);
    }

    /**
     * As {@link #unreadableAsFiles(String, String)}, for a type that reads partitioned directories only when
     * {@code readsPartitions}.
     */
    public Optional<String> unreadableAsFiles(String readerFormat, boolean readsPartitions, String writer) {
        if (layout == Layout.TABLE) {
            return Optional.of("'" + writer + "' is a " + format + " table, whose directory also keeps files of older"
                    + " versions; write it with type: spark and file_format: " + readerFormat
                    + ", or read it through a delta entry");
        }
        if (!format.equals(readerFormat)) {
            return Optional.of("'" + writer + "' writes " + format + " and this entry reads " + readerFormat
                    + "; give both entries the same format");
        }
        if (layout == Layout.PARTITIONED && !readsPartitions) {
            return Optional.of("'" + writer + "' writes a directory partitioned by column values (partitionBy), which"
                    + " this entry cannot read; remove partitionBy from '" + writer + "', or read it through a"
                    + " spark entry");
        }
        return Optional.empty();
    }
}
