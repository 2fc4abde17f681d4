package io.cloudscale.cli.render;

import io.cloudscale.core.Durations;
import io.cloudscale.core.Status;
import io.cloudscale.probes.ports.PortFinding;
import io.cloudscale.stack.lifecycle.UpResult;
import java.time.Duration;
import java.util.Map;

/** `up`'s result for a person: what blocked it, what failed and why, or where the healthy platform is. */
public final class UpView {

    private UpView() {
    }

    public static void render(Printer printer, UpResult result) {
        if (!result.started()) {
            printer.line(printer.symbol(Status.FAIL) + " nothing started: " + result.blockingPorts().size()
                    + " of the stack's host ports " + (result.blockingPorts().size() == 1 ? "is" : "are") + " held");
            for (PortFinding finding : result.blockingPorts()) {
                if (finding.holders().isEmpty()) {
                    printer.line("  " + finding.port() + ": " + (finding.bindError() == null ? "held" : finding.bindError()));
                }
                finding.holders().forEach(holder -> printer.line("  " + finding.port() + ": " + holder.summary()));
            }
            printer.line("  next: " + result.fixCommand());
            return;
        }
        boolean healthy = result.healthy();
        for (UpResult.ServiceOutcome service : result.services()) {
            if (service.healthy()) {
                continue;
            }
            printer.line(printer.symbol(Status.FAIL) + " " + printer.bold(service.service()) + " failed after "
                    + Durations.format(Duration.ofSeconds(service.elapsed().toSeconds())) + ": " + service.detail());
            if (!service.lastLogs().isEmpty()) {
                printer.line("  last " + service.lastLogs().size() + " log lines:");
                service.lastLogs().forEach(line -> printer.line("    " + line));
            }
            service.cleaned().forEach(line -> printer.line("  cleaned: " + line));
        }
        if (result.composeError() != null && !healthy) {
            printer.line("  compose: " + result.composeError());
        }
        if (!result.missingImages().isEmpty()) {
            printer.line("  not on this engine: " + String.join(", ", result.missingImages()));
            printer.line("  next: build them: cloudscale stack images --local (or up --build); then cloudscale down before trying again");
            return;
        }
        if (!healthy) {
            String first = result.services().stream().filter(service -> !service.healthy()).map(UpResult.ServiceOutcome::service).findFirst().orElse("");
            printer.line("  next: cloudscale logs " + first + " --since 10m; then cloudscale down before trying again");
            return;
        }
        printer.line(printer.symbol(Status.OK) + " " + result.project() + " (" + result.profile() + ") healthy in "
                + "%.1f s".formatted(result.took().toMillis() / 1000.0));
        for (Map.Entry<String, String> endpoint : result.endpoints().entrySet()) {
            printer.line("  %-10s %s".formatted(endpoint.getKey(), endpoint.getValue()));
        }
    }
}
