package io.cloudscale.probes.logs;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.signals.PlatformReader;
import io.cloudscale.probes.signals.ServiceLog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Runs the platform's signatures over a log file or a service's recent log, on either target. */
public final class LogScans {

    /** Far more than minutes of a chatty service; bounds the work, not the memory (lines are streamed). */
    public static final int MAX_TAIL = 100_000;

    private LogScans() {
    }

    public static LogScanReport file(Path path) {
        LogScanner scanner = new LogScanner(Signature.platform());
        try (InputStream in = Files.newInputStream(path)) {
            new LogFileReader(scanner).read(in);
        } catch (NoSuchFileException e) {
            throw new CloudscaleException.Usage(path + ": no such file", null);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new CloudscaleException.Usage(path + ": permission denied", "run as a user who may read it, or copy it somewhere readable");
        } catch (IOException e) {
            if (Files.isDirectory(path)) {
                throw new CloudscaleException.Usage(path + ": is a directory, not a log file", null);
            }
            throw new CloudscaleException.Usage(path + ": " + e.getMessage(), null);
        }
        return new LogScanReport(path.toString(), scanner.linesRead(), true, scanner.matches());
    }

    /** The signatures in a service's log lines since {@code since}, read wherever the platform runs. */
    public static LogScanReport service(PlatformReader platform, String service, Duration since, Clock clock) {
        ServiceLog log = platform.recentLog(service, clock.instant().minus(since), MAX_TAIL);
        if (log.source() == null) {
            throw new CloudscaleException.Unreachable("no container or pod of service '" + service + "' in " + platform.describe(),
                    "is the stack up? cloudscale status shows what runs", null);
        }
        LogScanner scanner = new LogScanner(Signature.platform());
        log.previousRun().forEach(scanner::accept);
        log.currentRun().forEach(scanner::accept);
        return new LogScanReport(platform.scope() + "/" + service + " (" + log.source() + ", last " + io.cloudscale.core.Durations.format(since) + ")",
                scanner.linesRead(), log.complete(), scanner.matches());
    }
}
