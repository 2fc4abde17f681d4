package io.cloudscale.probes.logs;

import io.cloudscale.core.CloudscaleException;
import io.cloudscale.probes.docker.ComposeServices;
import io.cloudscale.probes.docker.ContainerLogs;
import io.cloudscale.probes.docker.DockerEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(path), decoder))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                scanner.accept(line);
            }
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
