package org.scapscope.field;

/** A field reference that names no field, or gives a field an argument it does not take. */
public class FieldException extends Exception {
    private static final long serialVersionUID = 1L;

    public FieldException(String message) {
        super(message);
    }
}
