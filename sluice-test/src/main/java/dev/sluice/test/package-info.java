/**
 * Sluice's test kit. {@link dev.sluice.test.PipelineTester} runs a pipeline or a slice in memory with
 * given inputs and keeps every output; {@link dev.sluice.test.SluiceProjectTest} (the JUnit 5 extension
 * {@link dev.sluice.test.SluiceProjectExtension}) runs a whole project in a temporary copy with a test
 * environment; {@link dev.sluice.test.DatasetTypeTester} creates datasets of a custom type as a catalog
 * entry would and checks their round trip. Plain values and {@link java.lang.AssertionError}s throughout, so any
 * assertion library (or none) works.
 */
package dev.sluice.test;
