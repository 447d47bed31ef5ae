package dev.sluice.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;

/**
 * Writes a directory dataset so that readers never see it half-written under its final path: Spark writes
 * into a hidden sibling ({@code .name.sluice-<id>}, which Spark's readers skip), then the sibling is
 * renamed into place. An overwrite first renames the old directory aside and deletes it after the swap;
 * an append moves the new files in one by one, each appearing whole. The writing JVM holds a lock for the
 * whole save, so that a later run can tell the siblings of a killed save from those of a live one ({@link
 * Siblings}). Object stores are written in place (see {@link #save}).
 */
final class DirectoryCommit {
    /** Hadoop's schemes of object stores, where a directory rename is a copy of each object. */
    static final Set<String> OBJECT_STORES =
            Set.of("s3a", "s3", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs", "oss", "cosn", "obs");

    private final FileSystem fs;
    private final Path target;

    DirectoryCommit(Configuration hadoop, String path) {
        this.target = new Path(path);
        try {
            this.fs = target.getFileSystem(hadoop);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the file system of " + path + ": " + e.getMessage(), e);
        }
    }

    boolean exists() {
        try {
            return fs.exists(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the data to a path with a Spark save mode. */
    @FunctionalInterface
    interface Write {
        void to(String path, SaveMode mode);
    }

    /**
     * Saves with {@code mode}. On a file system, {@code write} writes the data into the hidden sibling it is
     * given, which does not exist yet, and the sibling is renamed into place. On an object store ({@link
     * #OBJECT_STORES}), where a rename copies every object one by one and so hides nothing, {@code write}
     * writes in place and the job's committer commits: on {@code s3a}, Hadoop's magic committer (see {@link
     * S3aCommitters}), whose uploads complete when the job commits; elsewhere Spark's own, whose task files go
     * under {@code _temporary/} and are moved under the path when the job commits. {@code _SUCCESS} comes last.
     */
    void save(SaveMode mode, Write write) {
        try {
            boolean exists = fs.exists(target);
            if (exists && mode == SaveMode.ErrorIfExists) {
                throw new IllegalStateException(target + " already exists and save_args.mode is errorifexists;"
                        + " set mode: overwrite (or append) to replace it, or remove it");
            }
            if (exists && mode == SaveMode.Ignore) {
                return;
            }
            if (OBJECT_STORES.contains(fs.getScheme())) {
                write.to(target.toString(), exists && mode == SaveMode.Append ? SaveMode.Append : SaveMode.Overwrite);
                return;
            }
            String id = Siblings.newId();
            fs.mkdirs(target.getParent());
            try (Siblings.Lock lock = Siblings.lock(fs.makeQualified(target), id)) {
                commit(mode, write, exists, id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes into the save {@code id}'s hidden sibling and moves the data into place, under its lock. */
    private void commit(SaveMode mode, Write write, boolean exists, String id) throws IOException {
        Path staging = Siblings.sibling(target, "sluice", id);
        try {
            write.to(staging.toString(), SaveMode.Overwrite);
            if (exists && mode == SaveMode.Append) {
                moveFiles(staging, target);
                fs.delete(staging, true);
            } else if (exists) {
                swap(staging, Siblings.sibling(target, "sluice-old", id));
            } else {
                rename(staging, target);
            }
        } finally {
            if (fs.exists(staging)) {
                fs.delete(staging, true);
            }
        }
    }

    /** Moves the old directory aside, the new one in, then deletes the old; puts the old back if the move fails. */
    private void swap(Path staging, Path old) throws IOException {
        rename(target, old);
        try {
            rename(staging, target);
        } catch (IOException | RuntimeException e) {
            if (!fs.exists(target)) {
                fs.rename(old, target);
            }
            throw e;
        }
        fs.delete(old, true);
    }

    /** Moves every data file under {@code from} to the same relative place under {@code to}. */
    private void moveFiles(Path from, Path to) throws IOException {
        for (FileStatus child : fs.listStatus(from)) {
            String name = child.getPath().getName();
            Path destination = new Path(to, name);
            if (child.isDirectory()) {
                fs.mkdirs(destination);
                moveFiles(child.getPath(), destination);
            } else if (!name.startsWith("_") && !name.startsWith(".")) {
                rename(child.getPath(), destination);
            }
        }
    }

    private void rename(Path from, Path to) throws IOException {
        if (!fs.rename(from, to)) {
            throw new IOException("could not rename " + from + " to " + to);
        }
    }
}
