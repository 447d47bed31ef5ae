package dev.sluice.io;

import java.util.Objects;
import java.util.Set;

/**
 * A catalog type that is another type under its own class: everything, its name included, comes from
 * the type given to the constructor. Lets one implementation, configured differently, be listed twice
 * in {@code META-INF/services/dev.sluice.io.DatasetType}, where each entry needs a class with a public
 * no-argument constructor.
 *
 * <pre>{@code
 * public final class CompressedReportType extends DelegatingDatasetType {
 *     public CompressedReportType() {
 *         super(new ReportType("report.gz", true));
 *     }
 * }
 * }</pre>
 */
public abstract class DelegatingDatasetType implements DatasetType {
    private final DatasetType delegate;

    protected DelegatingDatasetType(DatasetType delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public final String name() {
        return delegate.name();
    }

    @Override
    public final Set<String> aliases() {
        return delegate.aliases();
    }

    @Override
    public final DatasetSchema schema() {
        return delegate.schema();
    }

    @Override
    public final boolean versionedByDefault() {
        return delegate.versionedByDefault();
    }

    @Override
    public final Dataset<?> create(DatasetSpec spec) {
        return delegate.create(spec);
    }
}
