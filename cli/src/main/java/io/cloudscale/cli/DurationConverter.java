package io.cloudscale.cli;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.core.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Every DURATION option as operators type it (500ms, 10s, 1h30m), parsed once, where picocli reads the option. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        try {
            return Durations.parse(text);
        } catch (CloudscaleException.Usage e) {
            throw new CommandLine.TypeConversionException(e.getMessage() + " (" + e.hint().orElse("") + ")");
        }
    }
}
