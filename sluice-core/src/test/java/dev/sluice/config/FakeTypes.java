package dev.sluice.config;

import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Dataset types for tests: they record the spec they were given instead of touching any store. */
final class FakeTypes {
    private FakeTypes() {}

    /** A registry with {@code fake} (alias {@code FakeDataset}), {@code strict}, {@code wrapper} and {@code exploding}. */
    static DatasetTypes registry() {
        return DatasetTypes.of(new Fake(), new Strict(), new Wrapper(), new Exploding());
    }

    /** The spec a fake dataset was created from. */
    static DatasetSpec specOf(Dataset<?> dataset) {
        return ((FakeDataset) dataset).spec();
    }

    /** Creates a {@link FakeDataset} from any settings. */
    public static final class Fake implements DatasetType {
        @Override
        public String name() {
            return "fake";
        }

        @Override
        public Set<String> aliases() {
            return Set.of("FakeDataset");
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            return new FakeDataset(spec, null);
        }
    }

    /** Needs a {@code filepath}, as file datasets do. */
    public static final class Strict implements DatasetType {
        @Override
        public String name() {
            return "strict";
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            spec.requireString("filepath");
            return new FakeDataset(spec, null);
        }
    }

    /** Wraps the dataset described under {@code dataset}, as the slow dataset does. */
    public static final class Wrapper implements DatasetType {
        @Override
        public String name() {
            return "wrapper";
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            return new FakeDataset(spec, spec.nested("dataset"));
        }
    }

    /** Fails with a plain runtime exception, as a buggy type might. */
    public static final class Exploding implements DatasetType {
        @Override
        public String name() {
            return "exploding";
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            throw new IllegalStateException("boom");
        }
    }

    /** Listed only in a services file that a test writes, to prove discovery. */
    public static final class Discovered implements DatasetType {
        @Override
        public String name() {
            return "discovered";
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            return new FakeDataset(spec, null);
        }
    }

    /** A project's own dataset class, named in {@code type:} by its class name and built from its spec. */
    public static final class SpecDataset implements Dataset<Object> {
        private final FakeDataset delegate;

        public SpecDataset(DatasetSpec spec) {
            spec.requireString("filepath");
            this.delegate = new FakeDataset(spec, null);
        }

        DatasetSpec spec() {
            return delegate.spec();
        }

        @Override
        public Object load() {
            return delegate.load();
        }

        @Override
        public void save(Object value) {
            delegate.save(value);
        }

        @Override
        public boolean exists() {
            return delegate.exists();
        }

        @Override
        public Map<String, Object> describe() {
            return delegate.describe();
        }
    }

    /** A dataset class that cannot be built from a spec: it has no constructor taking one. */
    public static final class NoSpecConstructor implements Dataset<Object> {
        public NoSpecConstructor(String filepath) {}

        @Override
        public Object load() {
            return null;
        }

        @Override
        public void save(Object value) {}

        @Override
        public boolean exists() {
            return false;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of();
        }
    }

    /** Holds a value in memory and remembers its spec and any wrapped dataset. */
    static final class FakeDataset implements Dataset<Object> {
        private final DatasetSpec spec;
        private final Dataset<?> inner;
        private volatile Object value;

        FakeDataset(DatasetSpec spec, Dataset<?> inner) {
            this.spec = spec;
            this.inner = inner;
        }

        DatasetSpec spec() {
            return spec;
        }

        Dataset<?> inner() {
            return inner;
        }

        @Override
        public Object load() {
            return value;
        }

        @Override
        public void save(Object newValue) {
            value = newValue;
        }

        @Override
        public boolean exists() {
            return value != null;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("type", spec.type());
            description.putAll(spec.config());
            return description;
        }
    }
}
