package io.cloudscale.core.json;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a killed writer must leave: a file of whole lines, each a JSON object. */
public final class JsonLinesAssert {

    private JsonLinesAssert() {
    }

    public static List<JsonNode> everyLineIsJson(Path file) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "the last line is whole: " + file);
        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            try {
                JsonNode node = mapper.readTree(line);
                assertTrue(node.isObject(), "line " + number + " is an object: " + line);
                lines.add(node);
            } catch (IOException e) {
                fail("line " + number + " of " + file + " is not JSON: " + line);
            }
        }
        return lines;
    }
}
