package io.cloudscale.cli.commands;

/** A command that, finding no Docker engine at a terminal, offers `cloudscale setup` and then runs again. */
public interface OffersSetup {
}
