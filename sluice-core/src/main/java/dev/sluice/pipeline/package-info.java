/**
 * Nodes and pipelines: building, validating, combining, slicing and reusing the DAG under namespaces,
 * the warnings a valid pipeline may still deserve, and binding parameters to the types nodes take.
 */
package dev.sluice.pipeline;
