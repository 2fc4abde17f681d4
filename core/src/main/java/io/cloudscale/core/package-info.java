/** The diagnosis model, configuration and typed failures; no Docker, no Azure, no picocli. */
package io.cloudscale.core;
