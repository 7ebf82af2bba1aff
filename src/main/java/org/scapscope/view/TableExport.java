package org.scapscope.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.util.List;

/**
 * A computed view written out: as CSV (RFC 4180: a header line, then one line per row, fields
 * with commas, quotes or line breaks quoted) or as JSON (an array of objects by column title).
 * Values are written as computed, not as the table formats them: byte counts in bytes.
 */
public final class TableExport {
    private TableExport() {
    }

    /** Writes {@code rows} (a table's rows in the order shown) with the table's columns as CSV. */
    public static void csv(ViewTable table, List<ViewTable.Row> rows, Writer out) throws IOException {
        csv(table.columns(), rows.stream().map(ViewTable.Row::values).toList(), out);
    }

    /** Writes rows of values, one per column, as CSV under a header line of the columns' titles. */
    public static void csv(List<String> columns, List<? extends List<?>> rows, Writer out) throws IOException {
        line(out, columns);
        for (List<?> r : rows) {
            line(out, r);
        }
        out.flush();
    }

    /** Writes {@code rows} as a JSON array of objects keyed by column title. */
    public static void json(ViewTable table, List<ViewTable.Row> rows, Writer out) throws IOException {
        json(table.columns(), rows.stream().map(ViewTable.Row::values).toList(), out);
    }

    /** Writes rows of values, one per column, as a JSON array of objects keyed by column title. */
    public static void json(List<String> columns, List<? extends List<?>> rows, Writer out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (List<?> r : rows) {
            ObjectNode o = array.addObject();
            for (int i = 0; i < columns.size(); i++) {
                Object v = r.get(i);
                String name = columns.get(i);
                if (v instanceof Long l) {
                    o.put(name, l);
                } else if (v instanceof Double d) {
                    o.put(name, d);
                } else if (v instanceof Boolean b) {
                    o.put(name, b);
                } else if (v instanceof BigInteger b) {
                    o.put(name, b);
                } else {
                    o.put(name, v == null ? "" : v.toString());
                }
            }
        }
        mapper.writeValue(new NonClosing(out), array);
        out.flush();
    }

    static void line(Writer out, List<?> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(values.get(i) == null ? "" : values.get(i).toString()));
        }
        out.write("\r\n");
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Keeps the caller's writer open after Jackson is done with it. */
    private static final class NonClosing extends java.io.FilterWriter {
        NonClosing(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
