package dev.sluice.io;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * The type of a project's own {@link Dataset} class named in {@code type:} by its fully qualified name,
 * as Kedro catalogs name their custom dataset classes: each entry is built by the class's public
 * constructor that takes the entry's {@link DatasetSpec}. Its schema is undeclared, so the class reads
 * (and checks) its own settings.
 */
final class DatasetClassType implements DatasetType {
    private final Constructor<? extends Dataset<?>> constructor;

    /**
     * @throws IllegalArgumentException saying what the class lacks when it cannot be built from a spec
     */
    @SuppressWarnings("unchecked")
    DatasetClassType(Class<? extends Dataset> datasetClass) {
        String name = datasetClass.getName();
        if (Modifier.isAbstract(datasetClass.getModifiers()) || !Modifier.isPublic(datasetClass.getModifiers())) {
            throw new IllegalArgumentException("class " + name + " implements Dataset but is "
                    + (datasetClass.isInterface() || Modifier.isAbstract(datasetClass.getModifiers())
                            ? "abstract; name a concrete class"
                            : "not public; make it public"));
        }
        try {
            this.constructor = (Constructor<? extends Dataset<?>>) datasetClass.getConstructor(DatasetSpec.class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("class " + name + " implements Dataset but has no public constructor"
                    + " taking a DatasetSpec; add one (it receives the entry's settings), or write a DatasetType");
        }
    }

    @Override
    public String name() {
        return constructor.getDeclaringClass().getName();
    }

    @Override
    public Dataset<?> create(DatasetSpec spec) {
        try {
            return constructor.newInstance(spec);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw spec.error("could not be created by " + name() + "'s constructor: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw spec.error("could not be created by " + name() + "'s constructor: " + e);
        }
    }
}
