package io.cloudscale.playbooks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Reads a load report the way the platform's second war story was finally read: are the failures the system
 * shedding load at its limit (429/503, latency rising first, the host up, accepted work still done), the
 * system saturating without protection, or the system breaking? And where is the knee?
 *
 * <p>A ramp is read rate by rate (each held rate is one window); a single rate or live traffic second by second.
 */
public final class LoadSheddingAnalyst {

    /** Below this share of requests, a failure class is noise worth a line but not a verdict. */
    static final double TOLERANCE = 0.001;
    /** A window rejects when at least this share of its requests got 429 or 503. */
    static final double REJECTING = 0.01;
    /** Sustained means at least this share answered 2xx. */
    static final double SUCCESS = 0.99;
    /** Latency "rose" when p99 at least doubled, and by at least this much. */
    static final double RISE_MILLIS = 5;

    /** One stretch of the test judged on its own: a rate held, or one second. */
    record Window(String label, double offered, StatusCounts counts, Latency latency, long unsent) {

        boolean rejecting() {
            return counts.total() > 0 && (double) counts.rejected() / counts.total() >= REJECTING;
        }

        boolean sustained(double boundMillis) {
            return counts.total() > 0 && counts.successRatio() >= SUCCESS && latency.p99() <= boundMillis;
        }
    }

    private LoadSheddingAnalyst() {
    }

    public static LoadVerdict decide(LoadReport report, Duration p99Bound) {
        double bound = p99Bound.toNanos() / 1e6;
        boolean byRate = report.stages().size() > 1;
        List<Window> windows = byRate ? byRate(report) : bySecond(report);
        StatusCounts totals = report.totals();
        List<String> evidence = new ArrayList<>();
        LoadVerdict.Knee knee = knee(windows, bound, byRate);
        String kneeLine = kneeLine(knee, windows, bound, byRate);

        List<String> broken = breakage(report, windows);
        int firstRejecting = firstRejecting(windows);
        if (!broken.isEmpty()) {
            evidence.addAll(broken);
            evidence.add(rejections(totals, windows, firstRejecting));
            evidence.add(kneeLine);
            return new LoadVerdict(LoadVerdict.Kind.BREAKAGE, "breakage: " + broken.getFirst(), knee, evidence, bound, basis(byRate));
        }
        if (firstRejecting >= 0) {
            Window first = windows.get(firstRejecting);
            evidence.add(rejections(totals, windows, firstRejecting));
            String rise = latencyRise(windows, firstRejecting);
            evidence.add(rise);
            evidence.add(hostUp(report));
            evidence.add(acceptedCompleted(report, windows));
            evidence.add(kneeLine);
            return new LoadVerdict(LoadVerdict.Kind.SHEDDING, format("shedding: from %s the endpoint turned %.0f%% of requests away with 429/503 and kept serving the rest; %s",
                    first.label(), 100.0 * first.counts().rejected() / first.counts().total(),
                    knee == null ? "no rate was sustained" : (knee.exact() ? "knee " : "sustained at least ") + rate(knee.rate())), knee, evidence, bound, basis(byRate));
        }
        int firstSlow = firstOverBound(windows, bound);
        evidence.add(rejections(totals, windows, -1));
        evidence.add(hostUp(report));
        if (firstSlow >= 0) {
            Window slow = windows.get(firstSlow);
            evidence.add(format("from %s p99 was %s, over the %s bound, with nothing rejected: requests queue instead of being shed",
                    slow.label(), Latency.format(slow.latency().p99()), Latency.format(bound)));
            if (report.unsent() > 0) {
                evidence.add(format("%d requests were still waiting for a connection when their rate ended", report.unsent()));
            }
            evidence.add(kneeLine);
            return new LoadVerdict(LoadVerdict.Kind.SATURATION, format("saturation: past %s latency grows without the endpoint shedding; %s",
                    knee == null ? "the lowest rate tried" : rate(knee.rate()), knee == null ? "no rate was sustained" : "knee " + rate(knee.rate())),
                    knee, evidence, bound, basis(byRate));
        }
        evidence.add(format("every %s held p99 within %s (highest p99 %s)", byRate ? "rate" : "second", Latency.format(bound),
                Latency.format(windows.stream().mapToDouble(w -> w.latency().p99()).max().orElse(0))));
        evidence.add(kneeLine);
        return new LoadVerdict(LoadVerdict.Kind.WITHIN_CAPACITY, format("within capacity: up to %s nothing was rejected and p99 stayed within %s",
                rate(windows.stream().mapToDouble(Window::offered).max().orElse(0)), Latency.format(bound)), knee, evidence, bound, basis(byRate));
    }

    private static List<Window> byRate(LoadReport report) {
        return report.stages().stream().map(stage -> new Window("the " + rate(stage.targetRate()) + " step", stage.targetRate(),
                stage.counts(), stage.latency(), stage.unsent())).toList();
    }

    /** Each second of the timeline; a stub shorter than half a second at a stage's end would only add noise. */
    private static List<Window> bySecond(LoadReport report) {
        return report.timeline().stream().filter(second -> second.seconds() >= 0.5 && second.counts().total() > 0)
                .map(second -> new Window(format("second %.0f (%s)", second.at(), rate(second.targetRate())),
                        second.targetRate(), second.counts(), second.latency(), second.unsent())).toList();
    }

    private static List<String> breakage(LoadReport report, List<Window> windows) {
        List<String> found = new ArrayList<>();
        StatusCounts totals = report.totals();
        long total = Math.max(1, totals.total());
        failures(found, totals.serverError(), total, "answers were 5xx other than 503 (the endpoint or what is behind it failed)", windows, StatusCounts::serverError);
        failures(found, totals.timeout(), total, "requests got no answer within " + report.timeoutMillis() + " ms", windows, StatusCounts::timeout);
        failures(found, totals.connection(), total, "requests met a refused or reset connection", windows, StatusCounts::connection);
        failures(found, totals.other(), total, "answers were neither 2xx, 429 nor 5xx (the endpoint refused the request itself: check the target)", windows, StatusCounts::other);
        StackObservation stack = report.stack();
        if (stack != null) {
            stack.restarts().forEach(restart -> found.add("container " + restart.service() + " " + restart.how() + " during the test"));
            if (stack.lost() != null && stack.lost() > 0) {
                found.add(format("%d of %d accepted events were lost: %d stored, %d dead-lettered, %d still queued",
                        stack.lost(), stack.accepted(), stack.stored(), stack.deadLettered(), stack.queued()));
            }
        }
        windows.stream().filter(w -> w.rejecting() && w.counts().accepted() == 0).findFirst().ifPresent(w -> found.add(
                "at " + w.label() + " nothing was accepted: every request was turned away, which is an outage answered politely, not shedding"));
        return found;
    }

    private static void failures(List<String> found, long count, long total, String what, List<Window> windows, ToLongFunction<StatusCounts> kind) {
        if (count == 0 || (double) count / total <= TOLERANCE) {
            return;
        }
        String first = windows.stream().filter(w -> kind.applyAsLong(w.counts()) > 0).map(Window::label).findFirst().orElse("the test");
        found.add(format("%d %s (%.2f%% of requests), first at %s", count, what, 100.0 * count / total, first));
    }

    private static String rejections(StatusCounts totals, List<Window> windows, int firstRejecting) {
        long tolerated = totals.broken() + totals.other();
        String noise = tolerated > 0 && (double) tolerated / Math.max(1, totals.total()) <= TOLERANCE
                ? format("; %d other failures (5xx, timeouts, connections), within the %.1f%% tolerance", tolerated, TOLERANCE * 100) : "";
        if (totals.rejected() == 0) {
            return "no request was rejected (no 429, no 503)" + noise;
        }
        if (firstRejecting < 0) {
            return format("%d requests rejected (%d 429, %d 503), under %.0f%% in every %s%s", totals.rejected(), totals.tooMany(),
                    totals.unavailable(), REJECTING * 100, windows.size() > 1 ? "window" : "second", noise);
        }
        return format("rejections were 429 (%d) and 503 (%d): %.1f%% of %d requests, beginning at %s%s", totals.tooMany(), totals.unavailable(),
                100.0 * totals.rejected() / totals.total(), totals.total(), windows.get(firstRejecting).label(), noise);
    }

    private static String latencyRise(List<Window> windows, int firstRejecting) {
        if (firstRejecting == 0) {
            return "latency before rejections: not seen, rejections began in the first window (start the ramp lower to see it)";
        }
        Window baseline = windows.getFirst();
        Window before = windows.get(firstRejecting - 1);
        double from = baseline.latency().p99();
        double to = before.latency().p99();
        if (to >= 2 * from && to - from >= RISE_MILLIS) {
            return format("latency rose before rejections began: p99 %s at %s, %s at %s, then rejections at %s",
                    Latency.format(from), baseline.label(), Latency.format(to), before.label(), windows.get(firstRejecting).label());
        }
        return format("latency did not rise before rejections began (p99 %s at %s, %s at %s): a quota (429) or a hard limit rather than saturation",
                Latency.format(from), baseline.label(), Latency.format(to), before.label());
    }

    private static String hostUp(LoadReport report) {
        StatusCounts totals = report.totals();
        StackObservation stack = report.stack();
        String containers = stack == null ? "containers not watched (target not this stack, or no engine)"
                : stack.restarts().isEmpty() ? "no container restarted" : stack.restarts().size() + " container(s) restarted";
        return format("the host stayed up: %d refused or reset connections, %d timeouts; %s", totals.connection(), totals.timeout(), containers);
    }

    private static String acceptedCompleted(LoadReport report, List<Window> windows) {
        double minAccepted = windows.stream().filter(Window::rejecting).mapToDouble(w -> w.counts().accepted()).min().orElse(0);
        StackObservation stack = report.stack();
        String events = stack == null || stack.lost() == null ? "events not accounted (no stack counts)"
                : format("%d of %d accepted events stored, dead-lettered or queued, none lost", stack.accepted() - stack.lost(), stack.accepted());
        return format("accepted requests still completed: every rejecting window also answered 2xx (at least %.0f); %s", minAccepted, events);
    }

    private static LoadVerdict.Knee knee(List<Window> windows, double bound, boolean byRate) {
        Window best = null;
        for (Window window : windows) {
            if (window.sustained(bound) && window.unsent() == 0) {
                if (best == null || window.offered() > best.offered()) {
                    best = window;
                }
            } else if (byRate) {
                break; // sustained means every rate up to it held: a lucky step after a failing one is not the knee
            }
        }
        if (best == null) {
            return null;
        }
        boolean exceeded = windows.stream().anyMatch(w -> w.offered() > 0 && !w.sustained(bound));
        return new LoadVerdict.Knee(best.offered(), best.latency().p99(), best.counts().successRatio(), byRate && exceeded);
    }

    private static String kneeLine(LoadVerdict.Knee knee, List<Window> windows, double bound, boolean byRate) {
        if (knee == null) {
            return format("knee: no %s was sustained (success >= %.0f%% and p99 <= %s); the limit is below %s", byRate ? "rate" : "second",
                    SUCCESS * 100, Latency.format(bound), rate(windows.stream().mapToDouble(Window::offered).min().orElse(0)));
        }
        if (knee.exact()) {
            return format("knee: %s, the highest rate sustained with success >= %.0f%% and p99 <= %s (p99 %s, %.2f%% 2xx)",
                    rate(knee.rate()), SUCCESS * 100, Latency.format(bound), Latency.format(knee.p99Millis()), knee.successRatio() * 100);
        }
        double lowest = windows.stream().mapToDouble(Window::offered).min().orElse(0);
        double highest = windows.stream().mapToDouble(Window::offered).max().orElse(0);
        String why = byRate ? "no rate tried went past it"
                : highest > 1.2 * lowest ? "the busiest second that held, from traffic whose rate varied: cloudscale load --ramp FROM:TO:STEP places it better"
                : "a single rate cannot place it: run cloudscale load --ramp FROM:TO:STEP";
        return format("knee: at least %s (p99 %s, %.2f%% 2xx); %s", rate(knee.rate()), Latency.format(knee.p99Millis()), knee.successRatio() * 100, why);
    }

    private static int firstRejecting(List<Window> windows) {
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).rejecting()) {
                return i;
            }
        }
        return -1;
    }

    private static int firstOverBound(List<Window> windows, double bound) {
        for (int i = 0; i < windows.size(); i++) {
            if (windows.get(i).latency().p99() > bound) {
                return i;
            }
        }
        return -1;
    }

    private static String basis(boolean byRate) {
        return byRate ? "rates" : "seconds";
    }

    static String rate(double perSecond) {
        return perSecond == Math.rint(perSecond) ? format("%.0f req/s", perSecond) : format("%.1f req/s", perSecond);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
