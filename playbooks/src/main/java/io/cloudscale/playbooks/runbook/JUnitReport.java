package io.cloudscale.playbooks.runbook;

import io.cloudscale.core.Secrets;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A run as JUnit XML (one testsuite, one testcase per step; failures and skips as CI servers read them), so a
 * pipeline can gate on a runbook. Built with the JDK's DOM, so every step's text is escaped as XML needs.
 */
public final class JUnitReport {

    private JUnitReport() {
    }

    public static String xml(RunResult run) {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suite = document.createElement("testsuite");
            document.appendChild(suite);
            suite.setAttribute("name", "cloudscale.playbook." + run.runbook());
            suite.setAttribute("tests", String.valueOf(run.steps().size()));
            suite.setAttribute("failures", String.valueOf(run.count(StepResult.Outcome.FAILED)));
            suite.setAttribute("errors", "0");
            suite.setAttribute("skipped", String.valueOf(run.count(StepResult.Outcome.SKIPPED) + run.count(StepResult.Outcome.PLANNED)));
            suite.setAttribute("time", seconds(run.durationMillis()));
            suite.setAttribute("timestamp", run.startedAt().toString().replaceFirst("\\.\\d+Z$", "Z").replace("Z", ""));
            Element properties = document.createElement("properties");
            suite.appendChild(properties);
            property(document, properties, "source", run.source());
            property(document, properties, "dryRun", String.valueOf(run.dryRun()));
            run.inputs().forEach((name, value) -> property(document, properties, "input." + name, String.valueOf(value)));
            for (StepResult step : run.steps()) {
                Element testcase = document.createElement("testcase");
                testcase.setAttribute("classname", "cloudscale.playbook." + run.runbook() + (step.rollback() ? ".rollback" : ""));
                testcase.setAttribute("name", step.id() + ": " + clean(step.title()));
                testcase.setAttribute("time", seconds(step.durationMillis()));
                String body = clean(String.join("\n", step.evidence()));
                switch (step.outcome()) {
                    case FAILED -> {
                        Element failure = document.createElement("failure");
                        failure.setAttribute("message", clean(step.detail()));
                        failure.setAttribute("type", step.kind());
                        failure.setTextContent(body);
                        testcase.appendChild(failure);
                    }
                    case SKIPPED, PLANNED -> {
                        Element skipped = document.createElement("skipped");
                        skipped.setAttribute("message", clean(step.detail()));
                        testcase.appendChild(skipped);
                    }
                    case PASSED -> {
                        if (!body.isEmpty()) {
                            Element out = document.createElement("system-out");
                            out.setTextContent(clean(step.detail()) + "\n" + body);
                            testcase.appendChild(out);
                        }
                    }
                }
                suite.appendChild(testcase);
            }
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
    }

    private static void property(Document document, Element properties, String name, String value) {
        Element property = document.createElement("property");
        property.setAttribute("name", name);
        property.setAttribute("value", clean(value));
        properties.appendChild(property);
    }

    /** XML 1.0 cannot carry most control characters even escaped; a log line may hold them. Secrets never go out. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        return Secrets.redact(text).replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "?");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
