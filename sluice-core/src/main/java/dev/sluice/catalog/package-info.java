/**
 * The {@link dev.sluice.catalog.DataCatalog}: dataset names to entries, defined up front and built when
 * first needed, with dataset factories.
 */
package dev.sluice.catalog;
