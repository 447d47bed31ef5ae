/**
 * Where persisted datasets live: {@link dev.sluice.storage.Location}s addressed by path or URI, with
 * atomic commits, and the {@link dev.sluice.storage.StorageProvider} SPI that other modules (S3)
 * implement.
 */
package dev.sluice.storage;
