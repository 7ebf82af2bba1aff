package org.scapscope.store;

/** An object read as one version of it, which the store has replaced with another since. */
public class ObjectChangedException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ObjectChangedException(String message, Throwable cause) {
        super(message, cause);
    }
}
