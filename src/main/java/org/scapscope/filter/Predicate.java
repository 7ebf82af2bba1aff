package org.scapscope.filter;

import org.scapscope.field.FieldContext;

/** A compiled condition, tested against the current event of a field context. */
abstract class Predicate {
    abstract boolean test(FieldContext c);

    static final class And extends Predicate {
        private final Predicate[] operands;

        And(Predicate[] operands) {
            this.operands = operands;
        }

        @Override
        boolean test(FieldContext c) {
            for (Predicate p : operands) {
                if (!p.test(c)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Or extends Predicate {
        private final Predicate[] operands;

        Or(Predicate[] operands) {
            this.operands = operands;
        }

        @Override
        boolean test(FieldContext c) {
            for (Predicate p : operands) {
                if (p.test(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Not extends Predicate {
        private final Predicate operand;

        Not(Predicate operand) {
            this.operand = operand;
        }

        @Override
        boolean test(FieldContext c) {
            return !operand.test(c);
        }
    }

    static final Predicate TRUE = new Predicate() {
        @Override
        boolean test(FieldContext c) {
            return true;
        }
    };
}
