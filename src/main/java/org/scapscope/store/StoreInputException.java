package org.scapscope.store;

/**
 * What was asked of a store names nothing it can act on: an unknown or malformed capture id, an id
 * already taken, a file to add that is not a capture, a store folder that does not exist. Bad input,
 * unlike a store that was reached and then failed.
 */
public class StoreInputException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreInputException(String message) {
        super(message);
    }
}
