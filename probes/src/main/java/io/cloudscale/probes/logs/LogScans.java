package io.cloudscale.probes.logs;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.docker.ComposeServices;
import io.cloudscale.probes.docker.ContainerLogs;
import io.cloudscale.probes.docker.DockerEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Runs the platform's signatures over a log file or a compose service's recent container logs. */
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

    public static LogScanReport service(DockerEngine engine, String project, String service, Duration since,
                                        Duration timeout, Clock clock) throws InterruptedException {
        var container = new ComposeServices(engine, project).container(service).orElseThrow(() ->
                new CloudscaleException.Unreachable("no container of service '" + service + "' in project " + project,
                        "is the stack up? docker ps -a --filter label=com.docker.compose.project=" + project, null));
        LogScanner scanner = new LogScanner(Signature.platform());
        boolean complete = new ContainerLogs(engine).read(container.getId(), clock.instant().minus(since), MAX_TAIL, timeout, scanner::accept);
        String name = container.getNames().length > 0 ? container.getNames()[0].replaceFirst("^/", "") : container.getId();
        return new LogScanReport(project + "/" + service + " (" + name + ", last " + io.cloudscale.core.Durations.format(since) + ")",
                scanner.linesRead(), complete, scanner.matches());
    }
}
