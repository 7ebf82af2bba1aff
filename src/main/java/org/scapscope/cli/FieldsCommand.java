package org.scapscope.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.scapscope.field.FieldInfo;
import org.scapscope.field.FieldRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scapscope fields}: the fields formats and filters can use. */
@Command(name = "fields", mixinStandardHelpOptions = true, description = "List the fields, as sysdig -l does.")
final class FieldsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FieldRegistry registry = FieldRegistry.get();
        String current = null;
        for (FieldInfo f : registry.fields()) {
            String cls = registry.fieldClass(f.name());
            if (!cls.equals(current)) {
                if (current != null) {
                    out.println();
                }
                out.println("Field class: " + cls);
                current = cls;
            }
            String name = f.name();
            switch (f.argument()) {
                case INDEX: name += "[N]"; break;
                case NAME: case REQUIRED_NAME: name += ".NAME"; break;
                case INDEX_OR_NAME: name += "[N] or .NAME"; break;
                default: break;
            }
            out.printf("%-28s %-9s %s%n", name, f.type().name(), f.description());
        }
        out.flush();
        return Main.OK;
    }
}
