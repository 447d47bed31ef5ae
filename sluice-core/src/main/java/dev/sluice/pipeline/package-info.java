/** Nodes and pipelines: building, validating, combining and slicing the DAG. */
package dev.sluice.pipeline;
