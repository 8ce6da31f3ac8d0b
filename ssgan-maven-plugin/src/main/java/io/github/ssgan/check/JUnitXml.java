package io.github.ssgan.check;

import java.io.IOException;
import java.io.OutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The verdicts as a JUnit XML report in Surefire's format, which CI servers (Jenkins, GitLab, GitHub test reporters)
 * read: suite {@value #SUITE}, one test case per verdict, classname {@code ssgan.check.<experiment>}, named by the rule
 * in words (stable from build to build, so a CI's test history follows it), a {@code <failure>} for each failed one.
 */
public final class JUnitXml {
    public static final String SUITE = "ssgan.check";
    /** Where the check writes it, under its directory: Surefire's TEST-*.xml name, so report collectors find it. */
    public static final String FILE_NAME = "TEST-ssgan-check.xml";

    private JUnitXml() {
    }

    public static void write(GateResult result, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", SUITE);
            xml.writeAttribute("time", "0");
            xml.writeAttribute("tests", String.valueOf(result.verdicts().size()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", "0");
            xml.writeAttribute("failures", String.valueOf(result.failures().size()));
            for (Verdict v : result.verdicts()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("name", v.description());
                xml.writeAttribute("classname", SUITE + "." + v.experiment());
                xml.writeAttribute("time", "0");
                if (!v.passed()) {
                    xml.writeCharacters("\n    ");
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", v.heading() + ": " + v.text());
                    xml.writeAttribute("type", SUITE);
                    xml.writeCharacters(LogLines.line(v));
                    for (String run : v.missingRuns()) {
                        xml.writeCharacters("\nmissing: " + run);
                    }
                    xml.writeEndElement();
                }
                // the measured values of passing rules too: what a CI page shows beside the test
                xml.writeCharacters("\n    ");
                xml.writeStartElement("system-out");
                xml.writeCharacters(LogLines.line(v));
                xml.writeEndElement();
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write the JUnit XML: " + e.getMessage(), e);
        }
    }
}
