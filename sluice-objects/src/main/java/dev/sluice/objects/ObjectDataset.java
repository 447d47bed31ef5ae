package dev.sluice.objects;

import dev.sluice.io.FileDataset;
import dev.sluice.storage.Location;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Stores any value built from plain data (a trained model, a fitted scaler, a dictionary of metrics)
 * as typed JSON, or the same document in binary CBOR ({@link #binary}): Sluice's answer to Kedro's
 * {@code PickleDataset}, without Java serialization. Loads read either encoding, gzipped or not, and
 * refuse a Python pickle with a message saying so.
 *
 * <p>The file names the value's class, and the class of every value whose declared type leaves it
 * open (an {@code Object} or interface field, the elements of a {@code List<Object>}). Objects are
 * stored field by field; records through their components. Loading only builds classes from trusted
 * packages: the package of the declared class, {@linkplain #allowingPackages further packages} the
 * catalog names, and the JDK's value and collection types. A save fails rather than write a file its
 * own entry could not load.
 *
 * <p>Not kept: object identity (a value referenced twice is stored twice; cycles are refused),
 * {@code transient} fields, comparators of sorted collections, and non-{@code String} keys of maps
 * whose key type is {@code Object}. Instances are immutable and thread-safe.
 *
 * @param <T> the type of the stored value
 */
public final class ObjectDataset<T> extends FileDataset<T> {
    private static final int GZIP_MAGIC = 0x8b1f;

    private final Class<T> type;
    private final boolean typeDeclared;
    private final ClassAllowlist allowlist;
    private final boolean gzip;
    private final boolean indent;
    private final boolean binary;
    private final ObjectCodec codec;

    private ObjectDataset(
            String name,
            Location location,
            Class<T> type,
            boolean typeDeclared,
            ClassAllowlist allowlist,
            boolean gzip,
            boolean indent,
            boolean binary) {
        super(name, location);
        this.type = type;
        this.typeDeclared = typeDeclared;
        this.allowlist = allowlist;
        this.gzip = gzip;
        this.indent = indent;
        this.binary = binary;
        this.codec = new ObjectCodec(allowlist, indent, binary);
    }

    /**
     * A dataset holding a {@code type}; classes of {@code type}'s package (and its sub-packages) may be
     * named in the file.
     */
    public static <T> ObjectDataset<T> of(Location location, Class<T> type) {
        return new ObjectDataset<>(
                null, location, type, true, ClassAllowlist.of(trustedPackage(type)), false, false, false);
    }

    /** A dataset holding values built only from JDK types, until {@link #allowingPackages} trusts more. */
    public static ObjectDataset<Object> of(Location location) {
        return new ObjectDataset<>(
                null, location, Object.class, false, ClassAllowlist.of(List.of()), false, false, false);
    }

    /**
     * This dataset, also trusting classes in {@code packages} and their sub-packages.
     *
     * @throws IllegalArgumentException for JDK packages or single-segment ones such as {@code com}
     */
    public ObjectDataset<T> allowingPackages(String... packages) {
        return new ObjectDataset<>(
                datasetName(),
                location(),
                type,
                typeDeclared,
                allowlist.plus(Arrays.asList(packages)),
                gzip,
                indent,
                binary);
    }

    /** This dataset, compressing what it writes with gzip (reads detect compression by themselves). */
    public ObjectDataset<T> gzipped(boolean compress) {
        return new ObjectDataset<>(datasetName(), location(), type, typeDeclared, allowlist, compress, indent, binary);
    }

    /** This dataset, writing indented JSON that is easier to read and diff. */
    public ObjectDataset<T> indented(boolean pretty) {
        return new ObjectDataset<>(datasetName(), location(), type, typeDeclared, allowlist, gzip, pretty, binary);
    }

    /**
     * This dataset, writing CBOR (RFC 8949) instead of JSON when {@code cbor} is true: the same
     * document, smaller and faster for numeric data, opened by CBOR's self-describe tag {@code D9 D9 F7}.
     */
    public ObjectDataset<T> binary(boolean cbor) {
        return new ObjectDataset<>(datasetName(), location(), type, typeDeclared, allowlist, gzip, indent, cbor);
    }

    /** The same dataset under a catalog name, for messages. */
    ObjectDataset<T> named(String datasetName) {
        return new ObjectDataset<>(datasetName, location(), type, typeDeclared, allowlist, gzip, indent, binary);
    }

    @Override
    protected T decode(InputStream in) throws IOException {
        try (InputStream content = decompressed(in)) {
            return type.cast(codec.read(content, typeDeclared ? type : null));
        } catch (ObjectFormatException e) {
            throw loadError(e.problem(), e);
        }
    }

    @Override
    protected void encode(T value, OutputStream out) throws IOException {
        if (typeDeclared && !type.isInstance(value)) {
            throw saveError(
                    "expected a " + type.getName() + ", got a "
                            + value.getClass().getName()
                            + "; fix 'class' in the catalog entry or what the node returns",
                    null);
        }
        try {
            codec.write(gzip ? new GZIPOutputStream(out, 64 * 1024) : out, value);
        } catch (ObjectFormatException e) {
            throw saveError(e.problem(), e);
        }
    }

    @Override
    public Class<?> valueType() {
        return type;
    }

    @Override
    protected String typeName() {
        return binary ? "object.cbor" : "object";
    }

    @Override
    protected void describeSettings(Map<String, Object> description) {
        description.put("class", typeDeclared ? type.getName() : "<any allowed>");
        description.put("allowed_packages", new ArrayList<>(allowlist.packages()));
        description.put("compression", gzip ? "gzip" : "none");
        description.put("encoding", binary ? "cbor" : "json");
    }

    private static List<String> trustedPackage(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        String pkg = element.getPackageName();
        boolean jdk =
                element.isPrimitive() || pkg.equals("java") || pkg.startsWith("java.") || pkg.startsWith("javax.");
        // JDK types need no package; the unnamed package and bare roots such as 'com' cannot be trusted whole.
        return jdk || pkg.isEmpty() || ClassAllowlist.isTooBroad(pkg) ? List.of() : List.of(pkg);
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int magic = in.read() | (in.read() << 8);
        in.reset();
        return magic == GZIP_MAGIC ? new GZIPInputStream(in) : in;
    }
}
