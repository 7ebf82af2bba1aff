package org.scapscope.filter;

import java.util.List;

/** The syntax tree of a filter expression; every node knows where it was written. */
public sealed interface FilterNode {
    SourceSpan span();

    /** Every operand is true. */
    record And(List<FilterNode> operands, SourceSpan span) implements FilterNode {
    }

    /** At least one operand is true. */
    record Or(List<FilterNode> operands, SourceSpan span) implements FilterNode {
    }

    record Not(FilterNode operand, SourceSpan span) implements FilterNode {
    }

    /**
     * A field compared with values: none for {@code exists}, one for most operators, a list for
     * {@code in}, {@code intersects} and {@code pmatch}.
     */
    record Comparison(FieldOperand field, Operator operator, SourceSpan operatorSpan, List<Operand> values,
            SourceSpan span) implements FilterNode {
    }

    /**
     * A macro of a rules file, used as a condition; {@code expansion} is its condition, parsed from
     * {@code expansionSource}, or null before macros are expanded.
     */
    record MacroUse(String name, FilterNode expansion, String expansionSource, SourceSpan span)
            implements FilterNode {
    }

    /** What a comparison compares: a field or a transformed field. */
    sealed interface FieldOperand {
        SourceSpan span();
    }

    /** A field as written, argument included: {@code proc.aname[2]}, {@code evt.arg.fd}. */
    record FieldRef(String reference, SourceSpan span) implements FieldOperand {
    }

    /** {@code tolower(proc.name)} and the like. */
    record Transformed(Transformer transformer, FieldOperand operand, SourceSpan span) implements FieldOperand {
    }

    /** A value compared with. */
    sealed interface Operand {
        SourceSpan span();
    }

    /** A value as written; {@code quoted} when it was in quotes. */
    record Literal(String text, boolean quoted, SourceSpan span) implements Operand {
    }

    /** {@code val(field)}: another field's value for the same event. */
    record FieldValue(FieldOperand field, SourceSpan span) implements Operand {
    }
}
