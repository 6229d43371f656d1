package io.cracktrader.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size limits of docs/ARCHITECTURE.md ("Keeping it readable"): no source file over 450 lines and
 * no method or constructor over 60, so a class does one job and a method fits on a screen.
 */
class SourceShapeTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final int MAX_FILE_LINES = 450;
    private static final int MAX_METHOD_LINES = 60;
    /** A method or constructor declared as a class member: modifiers, a return type or none, a name, "(". */
    private static final Pattern DECLARATION = Pattern.compile(
            "^ {4,8}(?:(?:public|protected|private|static|final|synchronized|default|abstract)\\s+)*"
                    + "(?:<[^>]+>\\s+)?(?:[\\w.<>\\[\\], ?]+\\s+)?\\w+\\s*\\([^;]*$");
    private static final Pattern NOT_A_DECLARATION = Pattern.compile(
            "^\\s*(?:if|for|while|switch|catch|return|new|else|try|throw|case|do)\\b.*|.*=.*\\(.*");

    @Test
    void noSourceFileIsOverTheLimit() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : sources()) {
            int lines = Files.readAllLines(file).size();
            if (lines > MAX_FILE_LINES) {
                tooLong.add(MAIN.relativize(file) + " (" + lines + " lines)");
            }
        }
        assertEquals(List.of(), tooLong, "files over " + MAX_FILE_LINES + " lines");
    }

    @Test
    void noMethodIsOverTheLimit() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path file : sources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (!DECLARATION.matcher(line).matches() || NOT_A_DECLARATION.matcher(line).matches()) {
                    continue;
                }
                int end = bodyEnd(lines, i);
                if (end > 0 && end - i + 1 > MAX_METHOD_LINES) {
                    tooLong.add(MAIN.relativize(file) + ":" + (i + 1) + " (" + (end - i + 1) + " lines)");
                }
            }
        }
        assertEquals(List.of(), tooLong, "methods over " + MAX_METHOD_LINES + " lines");
    }

    /** The scanner itself finds a long method (a limit check that cannot fail would be no check). */
    @Test
    void theScannerMeasuresMethods() {
        List<String> lines = new ArrayList<>(List.of("class X {", "    void longOne(int a) {"));
        for (int i = 0; i < 70; i++) {
            lines.add("        a++;");
        }
        lines.add("    }");
        assertTrue(DECLARATION.matcher(lines.get(1)).matches());
        assertEquals(lines.size() - 1, bodyEnd(lines, 1));
    }

    /** The line that closes the body opened at or after {@code start}; -1 for a declaration without one. */
    private static int bodyEnd(List<String> lines, int start) {
        int depth = 0;
        boolean opened = false;
        for (int j = start; j < lines.size(); j++) {
            String code = lines.get(j).replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"")
                    .replaceAll("'([^'\\\\]|\\\\.)*'", "''").replaceAll("//.*", "");
            for (char c : code.toCharArray()) {
                if (c == '{') {
                    depth++;
                    opened = true;
                } else if (c == '}') {
                    depth--;
                }
            }
            if (opened && depth == 0) {
                return j;
            }
            if (!opened && code.strip().endsWith(";")) {
                return -1;
            }
        }
        return -1;
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
