/** Nodes and pipelines: building, validating, combining, slicing and reusing the DAG under namespaces. */
package dev.sluice.pipeline;
