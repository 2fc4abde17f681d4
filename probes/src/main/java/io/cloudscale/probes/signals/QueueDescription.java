package io.cloudscale.probes.signals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The counts in a Service Bus management answer: an ATOM entry whose content is a QueueDescription with
 * CountDetails (active, dead-letter, scheduled). Only CountDetails are needed; anything else the answer
 * lacks (MessageCount, SizeInBytes) does not matter here.
 */
final class QueueDescription {

    private static final String CONNECT = "http://schemas.microsoft.com/netservices/2010/10/servicebus/connect";
    private static final String COUNTS = "http://schemas.microsoft.com/netservices/2011/06/servicebus";

    private QueueDescription() {
    }

    /** @param asked what was asked, for the message: "service-bus management URL, queue NAME" */
    static QueueCounts counts(String asked, int status, String contentType, byte[] body) throws BadAnswer {
        String answered = "answered HTTP " + status + (contentType == null ? "" : " " + contentType);
        if (status / 100 != 2) {
            throw new BadAnswer(asked + ": " + answered + excerpt(body));
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (Exception e) {
            throw new BadAnswer(asked + ": " + answered + " that is not XML" + excerpt(body));
        }
        Element root = document.getDocumentElement();
        Element description = first(root, CONNECT, "QueueDescription");
        if (description == null) {
            throw new BadAnswer(asked + ": " + answered + " with <" + root.getLocalName() + "> and no QueueDescription"
                    + ("feed".equals(root.getLocalName()) ? " (an empty feed: no such queue)" : ""));
        }
        Element details = first(description, CONNECT, "CountDetails");
        Long active = count(details, "ActiveMessageCount");
        Long deadLetter = count(details, "DeadLetterMessageCount");
        if (active == null || deadLetter == null) {
            List<String> missing = new ArrayList<>();
            if (details == null) {
                missing.add("CountDetails");
            } else {
                if (active == null) {
                    missing.add("CountDetails/ActiveMessageCount");
                }
                if (deadLetter == null) {
                    missing.add("CountDetails/DeadLetterMessageCount");
                }
            }
            throw new BadAnswer(asked + ": " + answered + " with a QueueDescription (" + String.join(", ", children(description))
                    + ") missing " + String.join(" and ", missing));
        }
        return new QueueCounts(active, deadLetter, count(details, "ScheduledMessageCount"), null);
    }

    private static Long count(Element details, String name) {
        Element element = details == null ? null : first(details, COUNTS, name);
        if (element == null) {
            return null;
        }
        try {
            return Long.parseLong(element.getTextContent().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Element first(Element parent, String namespace, String name) {
        NodeList found = parent.getElementsByTagNameNS(namespace, name);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    private static List<String> children(Element parent) {
        List<String> names = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                names.add(child.getLocalName());
            }
        }
        return names;
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? " with no body" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }
}
