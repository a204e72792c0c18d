package dev.stepcast.hoststub;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads which panels a saved ModernDocking layout file names (its {@code persistentID} attributes), so panels that
 * are gone can get a stand-in before the layout is restored.
 *
 * <p><b>Threads:</b> any thread.
 */
final class LayoutFiles {

    private static final System.Logger LOG = System.getLogger(LayoutFiles.class.getName());

    private LayoutFiles() {
    }

    /** The persistent ids named in {@code file}, in document order; empty if the file cannot be parsed. */
    static Set<String> persistentIds(Path file) {
        Set<String> ids = new LinkedHashSet<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            NodeList all = factory.newDocumentBuilder().parse(file.toFile()).getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                String id = ((Element) all.item(i)).getAttribute("persistentID");
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
        } catch (ParserConfigurationException | SAXException | IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot read panel ids from " + file, e);
        }
        return ids;
    }
}
