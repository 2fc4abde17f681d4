package io.cloudscale.playbooks.load;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A load test as one self-contained HTML page (inline SVG, no scripts, nothing fetched): latency
 * percentiles over time above, answers per second by class below, the target rate as a line over them.
 */
public final class LoadChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 260;
    private static final int LEFT = 60;
    private static final int BOTTOM = 30;
    private static final int TOP = 20;

    private record Series(String name, String colour, ToDoubleFunction<SecondSample> value) {
    }

    private static final List<Series> LATENCIES = List.of(
            new Series("p50", "#2b8a3e", s -> s.latency().p50()),
            new Series("p99", "#e67700", s -> s.latency().p99()),
            new Series("max", "#c92a2a", s -> s.latency().max()));

    private static final List<Series> ANSWERS = List.of(
            new Series("2xx", "#2b8a3e", s -> s.counts().accepted() / seconds(s)),
            new Series("429", "#f08c00", s -> s.counts().tooMany() / seconds(s)),
            new Series("503", "#fab005", s -> s.counts().unavailable() / seconds(s)),
            new Series("other 5xx", "#c92a2a", s -> s.counts().serverError() / seconds(s)),
            new Series("other", "#862e9c", s -> s.counts().other() / seconds(s)),
            new Series("timeouts", "#5c7cfa", s -> s.counts().timeout() / seconds(s)),
            new Series("connection errors", "#495057", s -> s.counts().connection() / seconds(s)));

    private LoadChart() {
    }

    private static double seconds(SecondSample sample) {
        return Math.max(sample.seconds(), 1e-3);
    }

    public static String html(LoadReport report) {
        StringBuilder page = new StringBuilder("<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>cloudscale load: ")
                .append(escape(report.target())).append("</title>\n<style>body{font:14px sans-serif;margin:2em}td,th{padding:2px 8px;text-align:right}"
                        + "svg text{font:11px sans-serif}</style></head><body>\n")
                .append("<h1>Load test of ").append(escape(report.target())).append("</h1>\n<p>")
                .append(format("started %s, %.1f s, %d connections; %d sent, %.2f%% answered 2xx; p99 %.1f ms, max %.1f ms (from intended send)",
                        report.startedAt(), report.seconds(), report.connections(), report.sent(), report.totals().successRatio() * 100,
                        report.latency().p99(), report.latency().max()))
                .append("</p>\n<h2>Latency (ms)</h2>\n");
        List<SecondSample> timeline = report.timeline();
        double end = timeline.isEmpty() ? 1 : timeline.getLast().at();
        page.append(lines(timeline, end, LATENCIES));
        page.append("<h2>Answers per second</h2>\n");
        page.append(stacked(timeline, end));
        page.append("<h2>Rates held</h2>\n<table><tr><th>target/s</th><th>sent/s</th><th>2xx/s</th><th>2xx %</th><th>429</th><th>503</th>"
                + "<th>5xx</th><th>timeouts</th><th>conn</th><th>p50 ms</th><th>p99 ms</th><th>max ms</th></tr>\n");
        for (StageReport stage : report.stages()) {
            page.append(format("<tr><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.2f</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td>"
                            + "<td>%.1f</td><td>%.1f</td><td>%.1f</td></tr>\n", stage.targetRate(), stage.sentRate(), stage.acceptedRate(),
                    stage.successRatio() * 100, stage.counts().tooMany(), stage.counts().unavailable(), stage.counts().serverError(),
                    stage.counts().timeout(), stage.counts().connection(), stage.latency().p50(), stage.latency().p99(), stage.latency().max()));
        }
        return page.append("</table>\n</body></html>\n").toString();
    }

    private static String lines(List<SecondSample> timeline, double end, List<Series> series) {
        double top = niceCeiling(timeline.stream().mapToDouble(s -> series.stream().mapToDouble(line -> line.value().applyAsDouble(s)).max().orElse(0)).max().orElse(1));
        StringBuilder svg = frame(end, top);
        for (Series line : series) {
            svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(line.colour()).append("\" points=\"");
            for (SecondSample sample : timeline) {
                svg.append(format("%.1f,%.1f ", x(sample.at(), end), y(line.value().applyAsDouble(sample), top)));
            }
            svg.append("\"/>\n");
        }
        return svg.append(legend(series)).append("</svg>\n").toString();
    }

    private static String stacked(List<SecondSample> timeline, double end) {
        double top = niceCeiling(timeline.stream().mapToDouble(s -> Math.max(s.targetRate(),
                ANSWERS.stream().mapToDouble(line -> line.value().applyAsDouble(s)).sum())).max().orElse(1));
        StringBuilder svg = frame(end, top);
        double previousAt = 0;
        for (SecondSample sample : timeline) {
            double base = 0;
            double left = x(previousAt, end);
            double width = Math.max(0.5, x(sample.at(), end) - left - 0.5);
            for (Series part : ANSWERS) {
                double value = part.value().applyAsDouble(sample);
                if (value > 0) {
                    svg.append(format("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", left, y(base + value, top),
                            width, y(base, top) - y(base + value, top), part.colour()));
                }
                base += value;
            }
            previousAt = sample.at();
        }
        svg.append("\n<polyline fill=\"none\" stroke=\"#000\" stroke-dasharray=\"4 3\" points=\"");
        previousAt = 0;
        for (SecondSample sample : timeline) {
            svg.append(format("%.1f,%.1f %.1f,%.1f ", x(previousAt, end), y(sample.targetRate(), top), x(sample.at(), end), y(sample.targetRate(), top)));
            previousAt = sample.at();
        }
        svg.append("\"/>\n");
        return svg.append(legend(ANSWERS)).append("</svg>\n").toString();
    }

    private static StringBuilder frame(double end, double top) {
        StringBuilder svg = new StringBuilder(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">\n", WIDTH, HEIGHT + 20));
        svg.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        svg.append(format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n", LEFT, HEIGHT - BOTTOM, WIDTH - 10, HEIGHT - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            svg.append(format("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text><line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>\n",
                    LEFT - 4, y(value, top) + 4, trim(value), LEFT + 1, y(value, top), WIDTH - 10, y(value, top)));
        }
        for (int i = 0; i <= 5; i++) {
            double at = end * i / 5;
            svg.append(format("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s s</text>\n", x(at, end), HEIGHT - BOTTOM + 15, trim(at)));
        }
        return svg;
    }

    private static String legend(List<Series> series) {
        StringBuilder legend = new StringBuilder();
        int x = LEFT;
        for (Series item : series) {
            legend.append(format("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
                    x, HEIGHT + 2, item.colour(), x + 14, HEIGHT + 11, escape(item.name())));
            x += 20 + 7 * item.name().length();
        }
        return legend.append('\n').toString();
    }

    private static double x(double at, double end) {
        return LEFT + (WIDTH - 10 - LEFT) * at / Math.max(end, 1e-9);
    }

    private static double y(double value, double top) {
        return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * Math.min(value, top) / top;
    }

    /** 1, 2 or 5 times a power of ten, at or above the value: axis labels a person can read. */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : format("%.1f", value);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
