package dev.sluice.objects;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.impl.ClassNameIdResolver;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads and writes Sluice's object files: typed JSON, or the same document in CBOR (RFC 8949, opened
 * by CBOR's self-describe tag {@code D9 D9 F7}), that names the value's class and, wherever a
 * declared type does not say which class a value has (an {@code Object}, interface or abstract
 * field, or the elements of a {@code List<Object>}), that value's class in an {@code "@class"}
 * property. Every class name is checked against a {@link ClassAllowlist}: when writing, so a file
 * never names a class its entry could not read back; when reading, before the class is loaded.
 *
 * <p>Objects are stored by their fields, as pickle does: every non-static, non-transient field,
 * whatever its visibility; getters and setters are not used. Records are built through their
 * canonical constructor, other classes through a no-argument constructor (which may be private).
 * Thread-safe.
 *
 * <pre>{@code
 * {"format": "sluice-object", "version": 1, "class": "com.example.Model", "value": {...}}
 * }</pre>
 *
 * <p>Reading tells the two encodings apart by their first bytes, and recognises a Python pickle
 * (protocol 2 and later open with {@code 0x80} and the protocol number) to say that it cannot be read.
 */
final class ObjectCodec {
    static final String FORMAT = "sluice-object";
    static final int VERSION = 1;
    private static final String TYPE_PROPERTY = "@class";
    private static final int PICKLE_PROTO = 0x80;

    private final ClassAllowlist allowlist;
    private final ObjectMapper writer;
    private final ObjectMapper jsonMapper;
    private final ObjectMapper cborMapper;

    ObjectCodec(ClassAllowlist allowlist, boolean indent, boolean binary) {
        this.allowlist = allowlist;
        this.jsonMapper = mapper(allowlist, JsonMapper.builder(jsonFactory()), indent);
        this.cborMapper = mapper(allowlist, CBORMapper.builder(cborFactory()), false);
        this.writer = binary ? cborMapper : jsonMapper;
    }

    private static JsonFactory jsonFactory() {
        return JsonFactory.builder()
                // NaN and infinities are common in model weights; JSON has no words for them.
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .build();
    }

    private static CBORFactory cborFactory() {
        return CBORFactory.builder()
                // The self-describe tag D9 D9 F7 opens every file, so readers (and 'file') know it is CBOR.
                .enable(CBORGenerator.Feature.WRITE_TYPE_HEADER)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(Integer.MAX_VALUE)
                        .build())
                .build();
    }

    private static ObjectMapper mapper(ClassAllowlist allowlist, MapperBuilder<?, ?> builder, boolean indent) {
        TypingRules typing = new TypingRules(allowlist);
        typing.init(JsonTypeInfo.Id.CLASS, null);
        typing.inclusion(JsonTypeInfo.As.PROPERTY);
        typing.typeProperty(TYPE_PROPERTY);
        return builder.addModule(new JavaTimeModule())
                .visibility(PropertyAccessor.GETTER, Visibility.NONE)
                .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                .visibility(PropertyAccessor.SETTER, Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(SerializationFeature.INDENT_OUTPUT, indent)
                .setDefaultTyping(typing)
                .build();
    }

    /**
     * Writes {@code value} to {@code out} and closes it.
     *
     * @throws ObjectFormatException when the format cannot store the value
     */
    void write(OutputStream out, Object value) throws IOException {
        Class<?> rootType = rootType(value.getClass());
        if (!allowed(rootType.getName(), rootType)) {
            throw new ObjectFormatException(disallowedMessage(rootType.getName(), "the value itself"));
        }
        try (JsonGenerator generator = writer.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("format", FORMAT);
            generator.writeNumberField("version", VERSION);
            generator.writeStringField("class", rootType.getName());
            generator.writeFieldName("value");
            writer.writerFor(rootType).writeValue(generator, asRootType(value, rootType));
            generator.writeEndObject();
        } catch (JsonMappingException e) {
            throw new ObjectFormatException(writeProblem(value, e), e);
        } catch (RuntimeException e) {
            // Reflection into JDK internals (InaccessibleObjectException) and the like.
            throw new ObjectFormatException(
                    "Cannot store a " + value.getClass().getName() + ": " + e.getMessage() + ". " + WHAT_FITS, e);
        }
    }

    /**
     * Reads a value from {@code in}, which the caller closes.
     *
     * @param expected the class the value must be an instance of, or {@code null} for any allowed one
     * @throws ObjectFormatException when the content is not an object file this codec may read
     */
    Object read(InputStream in, Class<?> expected) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        try {
            return parse(buffered, sniff(buffered), expected);
        } catch (ObjectFormatException e) {
            throw streamFailure(e).orElse(e);
        }
    }

    /**
     * The failure of the stream itself (a truncated gzip file, a dropped connection) that Jackson
     * reported as a problem at a place in the data; such failures are I/O, not the format's.
     */
    private static Optional<IOException> streamFailure(ObjectFormatException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io && !(cause instanceof JsonProcessingException)) {
                return Optional.of(io);
            }
        }
        return Optional.empty();
    }

    /** The mapper for the content's encoding, judged by its first bytes; a Python pickle is refused. */
    private ObjectMapper sniff(BufferedInputStream in) throws IOException {
        in.mark(3);
        int first = in.read();
        int second = in.read();
        int third = in.read();
        in.reset();
        if (first == PICKLE_PROTO && second >= 2 && second <= 5) {
            throw new ObjectFormatException("This is a Python pickle (protocol " + second + "), which Sluice cannot"
                    + " read: pickles hold Python objects. Re-run the node that produces it in Sluice, or save the"
                    + " data from Python in a format both sides read (CSV, Parquet, JSON).");
        }
        return first == 0xD9 && second == 0xD9 && third == 0xF7 ? cborMapper : jsonMapper;
    }

    private Object parse(InputStream in, ObjectMapper mapper, Class<?> expected) throws IOException {
        try (JsonParser parser = mapper.createParser(in)) {
            expect(parser, JsonToken.START_OBJECT, "the start of the file");
            expectField(parser, "format");
            String format = parser.nextTextValue();
            if (!FORMAT.equals(format)) {
                throw new ObjectFormatException(
                        "This is not a Sluice object file (its 'format' is '" + format + "', not '" + FORMAT + "').");
            }
            expectField(parser, "version");
            parser.nextToken();
            int version = parser.getValueAsInt(-1);
            if (version != VERSION) {
                throw new ObjectFormatException("This object file has format version " + version
                        + ", but this Sluice reads version " + VERSION + ". Read it with the Sluice version that"
                        + " wrote it, or write it again.");
            }
            expectField(parser, "class");
            String className = parser.nextTextValue();
            Class<?> type = resolveRoot(className);
            if (expected != null && !boxed(expected).isAssignableFrom(type)) {
                throw new ObjectFormatException("The file holds a " + className + ", but the dataset expects a "
                        + expected.getName() + ". Fix 'class' in the catalog entry, or re-run the node that"
                        + " writes this file.");
            }
            expectField(parser, "value");
            parser.nextToken();
            Object value = mapper.readValue(parser, type);
            expect(parser, JsonToken.END_OBJECT, "the end of the file");
            return value;
        } catch (InvalidTypeIdException e) {
            String id = e.getTypeId();
            throw new ObjectFormatException(
                    allowlist.allowsName(id) || ClassAllowlist.mayBeJdkCollection(id)
                            ? "The file names class '" + id + "' (at " + at(e) + "), which is not"
                                    + " on the classpath or does not fit the field. Put the class on the classpath"
                                    + " or re-run the node that writes this file."
                            : disallowedMessage(id, at(e)),
                    e);
        } catch (UnrecognizedPropertyException e) {
            throw new ObjectFormatException(
                    "The file has field '" + e.getPropertyName() + "' that "
                            + e.getReferringClass().getName()
                            + " no longer has (at " + at(e) + "): the class changed after the file"
                            + " was written. Re-run the node that writes this file, or add the field back.",
                    e);
        } catch (InvalidDefinitionException e) {
            String type =
                    e.getType() == null ? "a class in the file" : e.getType().toCanonical();
            throw new ObjectFormatException(
                    "Cannot rebuild " + type + " (at " + at(e) + "): " + e.getOriginalMessage()
                            + ". Give the class a no-argument constructor (it may be private) or make it a record.",
                    e);
        } catch (MismatchedInputException e) {
            if (e.getTargetType() != null && e.getOriginalMessage().startsWith("Cannot construct instance")) {
                throw new ObjectFormatException(
                        "Cannot rebuild " + e.getTargetType().getName() + " (at " + at(e) + "): it has no"
                                + " constructor Sluice can use. Give the class a no-argument constructor (it may be"
                                + " private) or make it a record.",
                        e);
            }
            throw new ObjectFormatException(
                    "The file's data does not fit its classes (at " + at(e) + "): " + e.getOriginalMessage(), e);
        } catch (JsonMappingException e) {
            throw new ObjectFormatException(
                    "The file's data does not fit its classes (at " + at(e) + "): " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ObjectFormatException("This is not a readable Sluice object file: " + e.getOriginalMessage(), e);
        }
    }

    private Class<?> resolveRoot(String className) throws IOException {
        if (className == null || className.isBlank()) {
            throw new ObjectFormatException("This object file does not say which class it holds.");
        }
        if (!allowlist.allowsName(className) && !ClassAllowlist.mayBeJdkCollection(className)) {
            throw new ObjectFormatException(disallowedMessage(className, "the value itself"));
        }
        Class<?> type;
        try {
            type = Class.forName(className, false, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ObjectFormatException("The file holds a " + className + ", which is not on the classpath. Put the"
                    + " class on the classpath, or re-run the node that writes this file.");
        }
        if (!allowlist.allowsClass(type)) {
            throw new ObjectFormatException(disallowedMessage(className, "the value itself"));
        }
        return type;
    }

    private boolean allowed(String id, Class<?> type) {
        return allowlist.allowsName(id) || (ClassAllowlist.mayBeJdkCollection(id) && allowlist.allowsClass(type));
    }

    private String disallowedMessage(String className, String where) {
        String pkg = packageOf(className);
        if (pkg.equals("java")
                || pkg.startsWith("java.")
                || pkg.startsWith("javax.")
                || pkg.startsWith("jdk.")
                || pkg.startsWith("sun.")) {
            return "JDK class '" + className + "' (at " + where + ") cannot be stored: of the JDK's classes, the"
                    + " object format takes only value types (String, numbers, BigDecimal, UUID, java.time) and"
                    + " java.util collections. Keep such state out of the value, or mark the field transient.";
        }
        return "Class '" + className + "' (at " + where + ") is not in the packages this dataset may load: "
                + (allowlist.packages().isEmpty() ? "none besides the JDK's value types" : allowlist.packages())
                + ". Files are data and may be tampered with, so only listed packages are trusted. If you"
                + " trust " + (pkg.isEmpty() ? "this class" : "package '" + pkg + "'") + ", add it to"
                + " 'allowed_packages' in the catalog entry (or set 'class' to the stored class).";
    }

    private String writeProblem(Object value, JsonMappingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DisallowedClassException disallowed) {
                return disallowedMessage(disallowed.className, at(e))
                        + " The file would not load, so it was not written.";
            }
            if (cause instanceof UnstorableClassException unstorable) {
                return "Cannot store " + value.getClass().getName() + " (at " + at(e) + "): " + unstorable.getMessage()
                        + ". " + WHAT_FITS;
            }
        }
        String where = " (at " + at(e) + ")";
        String type = e instanceof InvalidDefinitionException d && d.getType() != null
                ? d.getType().toCanonical()
                : value.getClass().getName();
        return "Cannot store " + type + where + ": " + e.getOriginalMessage() + ". " + WHAT_FITS;
    }

    private static final String WHAT_FITS = "The object format stores records, classes whose state is in fields"
            + " (with a no-argument constructor, which may be private), collections, maps, arrays, primitives,"
            + " Strings, enums and java.time values. Keep other state (threads, streams, connections, lambdas)"
            + " out of the value, or mark such fields transient.";

    /** The class the file names for a value: collections by a plain java.util class that Jackson rebuilds. */
    static Class<?> rootType(Class<?> type) {
        Class<?> named = type;
        while (named.isAnonymousClass() || named.isSynthetic()) {
            named = named.getSuperclass();
        }
        if (named.isEnum()
                || (named.getSuperclass() != null && named.getSuperclass().isEnum())) {
            return named.isEnum() ? named : named.getSuperclass();
        }
        boolean plainJdk =
                "java.util".equals(named.getPackageName()) && !named.getName().contains("$");
        if (plainJdk || !ClassAllowlist.isJdkCollection(named)) {
            return named;
        }
        if (SortedMap.class.isAssignableFrom(named)) {
            return TreeMap.class;
        }
        if (Map.class.isAssignableFrom(named)) {
            return LinkedHashMap.class;
        }
        if (SortedSet.class.isAssignableFrom(named)) {
            return TreeSet.class;
        }
        if (Set.class.isAssignableFrom(named)) {
            return LinkedHashSet.class;
        }
        return Collection.class.isAssignableFrom(named) ? ArrayList.class : named;
    }

    /** The value as an instance of its {@link #rootType}: JDK-internal collections are copied into plain ones. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object asRootType(Object value, Class<?> rootType) {
        if (rootType.isInstance(value)) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map copy = rootType == TreeMap.class ? new TreeMap<>() : new LinkedHashMap<>();
            copy.putAll(map);
            return copy;
        }
        Collection copy = rootType == TreeSet.class
                ? new TreeSet<>()
                : rootType == LinkedHashSet.class ? new LinkedHashSet<>() : new ArrayList<>();
        copy.addAll((Collection<?>) value);
        return copy;
    }

    private static void expect(JsonParser parser, JsonToken token, String where) throws IOException {
        if (parser.nextToken() != token) {
            throw new ObjectFormatException(
                    "This is not a Sluice object file: expected " + token + " at " + where + ".");
        }
    }

    private static void expectField(JsonParser parser, String name) throws IOException {
        if (parser.nextToken() != JsonToken.FIELD_NAME || !name.equals(parser.currentName())) {
            throw new ObjectFormatException("This is not a Sluice object file: expected field '" + name + "' at "
                    + parser.currentLocation().offsetDescription() + ".");
        }
    }

    /** Where in the value a problem is, as Jackson's reference path, or "the top level". */
    private static String at(JsonMappingException e) {
        String path = e.getPathReference();
        return path == null || path.isEmpty() ? "the top level" : path;
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return MethodType.methodType(type).wrap().returnType();
    }

    private static String packageOf(String className) {
        String name = className.replaceFirst("^\\[+L", "").replace(";", "");
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ObjectCodec.class.getClassLoader();
    }

    /** Thrown while writing a lambda, anonymous or local class, which no file can name. */
    private static final class UnstorableClassException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnstorableClassException(Class<?> type) {
            super((type.isHidden() || type.isSynthetic()
                            ? "a lambda or generated class ("
                            : "an anonymous or local class (")
                    + type.getName() + ") has no name a file could refer to; use a record or a named class");
        }
    }

    /** Thrown while writing when a value's class could not be read back under the allowlist. */
    private static final class DisallowedClassException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        final String className;

        DisallowedClassException(String className) {
            super("class " + className + " is not in the allowed packages");
            this.className = className;
        }
    }

    /**
     * Where values carry their class name: only where the declared type leaves it open ({@code
     * Object}, interfaces, abstract classes), never on containers (their elements are judged on their
     * own) or primitives. Ids are class names, checked against the allowlist both ways.
     */
    private static final class TypingRules extends ObjectMapper.DefaultTypeResolverBuilder {
        private static final long serialVersionUID = 1L;
        private final transient ClassAllowlist allowlist;

        TypingRules(ClassAllowlist allowlist) {
            super(ObjectMapper.DefaultTyping.NON_FINAL, new AllowlistValidator(allowlist));
            this.allowlist = allowlist;
        }

        @Override
        public boolean useForType(JavaType type) {
            if (type.isPrimitive() || type.isContainerType()) {
                return false;
            }
            if (TreeNode.class.isAssignableFrom(type.getRawClass())) {
                return false;
            }
            return type.isJavaLangObject() || !type.isConcrete();
        }

        @Override
        protected TypeIdResolver idResolver(
                MapperConfig<?> config,
                JavaType baseType,
                PolymorphicTypeValidator validator,
                Collection<NamedType> subtypes,
                boolean forSer,
                boolean forDeser) {
            return new CheckedIdResolver(baseType, config.getTypeFactory(), validator, allowlist);
        }
    }

    /** Class-name ids that refuse, while writing, any class the allowlist would refuse while reading. */
    private static final class CheckedIdResolver extends ClassNameIdResolver {
        private static final long serialVersionUID = 1L;
        private final transient ClassAllowlist allowlist;

        CheckedIdResolver(
                JavaType baseType, TypeFactory types, PolymorphicTypeValidator validator, ClassAllowlist allowlist) {
            super(baseType, types, validator);
            this.allowlist = allowlist;
        }

        @Override
        public String idFromValue(Object value) {
            return idFromValueAndType(value, value.getClass());
        }

        @Override
        public String idFromValueAndType(Object value, Class<?> type) {
            Class<?> plain = rootType(type);
            if (plain != type && ClassAllowlist.isJdkCollection(type)) {
                // List.of() and friends are JDK internals; name the public class that rebuilds them.
                return plain.getName();
            }
            return checked(super.idFromValueAndType(value, type), type);
        }

        private String checked(String id, Class<?> type) {
            if (type.isHidden() || type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
                throw new UnstorableClassException(type);
            }
            if (!(allowlist.allowsName(id) || (ClassAllowlist.mayBeJdkCollection(id) && allowlist.allowsClass(type)))) {
                throw new DisallowedClassException(id);
            }
            return id;
        }
    }

    /** Jackson's gate for class names read from a file: the allowlist, judged before loading. */
    private static final class AllowlistValidator extends PolymorphicTypeValidator.Base {
        private static final long serialVersionUID = 1L;
        private final transient ClassAllowlist allowlist;

        AllowlistValidator(ClassAllowlist allowlist) {
            this.allowlist = allowlist;
        }

        @Override
        public Validity validateSubClassName(MapperConfig<?> config, JavaType baseType, String subClassName) {
            if (allowlist.allowsName(subClassName)) {
                return Validity.ALLOWED;
            }
            return ClassAllowlist.mayBeJdkCollection(subClassName) ? Validity.INDETERMINATE : Validity.DENIED;
        }

        @Override
        public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
            return allowlist.allowsClass(subType.getRawClass()) ? Validity.ALLOWED : Validity.DENIED;
        }
    }
}
