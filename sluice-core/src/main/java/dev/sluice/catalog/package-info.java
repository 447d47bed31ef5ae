/** The {@link dev.sluice.catalog.DataCatalog}: dataset names to datasets, with dataset factories. */
package dev.sluice.catalog;
