package io.cloudscale.probes.docker;

/** What the engine says about itself; {@code rootDir} is where images and containers take disk. */
public record EngineInfo(String host, String version, String apiVersion, String minApiVersion,
                         String os, String arch, String rootDir) {
}
