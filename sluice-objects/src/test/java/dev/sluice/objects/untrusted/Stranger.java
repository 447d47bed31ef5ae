package dev.sluice.objects.untrusted;

/** A harmless record from a package no test trusts. */
public record Stranger(String name) {}
