/**
 * A Sluice project: its {@link dev.sluice.project.PipelineRegistry} and the
 * {@link dev.sluice.project.Project} that opens configuration, catalog, pipelines and hooks for one
 * command.
 */
package dev.sluice.project;
