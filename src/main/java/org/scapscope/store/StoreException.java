package org.scapscope.store;

import java.io.IOException;

/** A capture store could not do what was asked; the message names the store and the object. */
public class StoreException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
