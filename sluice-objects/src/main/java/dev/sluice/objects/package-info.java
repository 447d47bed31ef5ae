/**
 * Node outputs of any shape, such as trained models, stored as typed JSON instead of Java
 * serialization: {@link dev.sluice.objects.ObjectDataset} and the {@code object} catalog type
 * ({@link dev.sluice.objects.ObjectDatasetType}, also known as {@code PickleDataset}). Class names
 * read from files are checked against the packages the catalog entry trusts.
 */
package dev.sluice.objects;
