/**
 * Amazon S3 and S3-compatible object stores as Sluice storage: {@code s3://bucket/key} paths in the
 * catalog, opened by {@link dev.sluice.s3.S3StorageProvider}, with atomic single-put or multipart
 * writes and streaming reads.
 */
package dev.sluice.s3;
