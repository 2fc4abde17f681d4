package io.cloudscale.cli.render;

import io.cloudscale.stack.lifecycle.PipelineWatch;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.NonBlockingReader;

/**
 * `watch` on a terminal: the frame redrawn in place (JLine's Display), keys read as they are typed.
 *
 * @param diagnose runs a diagnosis and says its verdict in one line; called off the drawing thread
 */
public record LiveWatchScreen(Terminal terminal, String project, Supplier<String> diagnose) {

    /** Until q (or Ctrl-C), or {@code count} frames when given. */
    public void run(PipelineWatch watch, Duration every, Integer count) throws IOException {
        Attributes saved = terminal.enterRawMode();
        Display display = new Display(terminal, true);
        NonBlockingReader keys = terminal.reader();
        CompletableFuture<String> diagnosis = null;
        String footer = null;
        try {
            watch.tick();
            for (int frames = 0; count == null || frames < count; frames++) {
                PipelineWatch.Frame frame = watch.tick();
                if (diagnosis != null && diagnosis.isDone()) {
                    footer = diagnosis.getNow("diagnosis failed");
                    diagnosis = null;
                }
                display.resize(Math.max(terminal.getHeight(), 1), Math.max(terminal.getWidth(), 40));
                List<AttributedString> screen = WatchView.screen(project, frame, footer).stream().map(AttributedString::new).toList();
                display.update(screen, -1);
                terminal.flush();
                int key = keys.read(every.toMillis());
                if (key == 'q' || key == 'Q' || key == 3 || key == NonBlockingReader.EOF) {
                    break;
                }
                if ((key == 'd' || key == 'D') && diagnosis == null) {
                    footer = "diagnosing zero-events…";
                    diagnosis = CompletableFuture.supplyAsync(diagnose, Thread::startVirtualThread);
                }
            }
        } finally {
            terminal.setAttributes(saved);
            terminal.writer().println();
            terminal.flush();
        }
    }
}
