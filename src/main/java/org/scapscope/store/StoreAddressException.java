package org.scapscope.store;

/**
 * What was given as a store cannot name one: a mistyped address or store name, an endpoint that is
 * no address, a port or region the S3 client refuses. Bad input, unlike a store that was found and
 * then failed.
 */
public class StoreAddressException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreAddressException(String message) {
        super(message);
    }

    public StoreAddressException(String message, Throwable cause) {
        super(message, cause);
    }
}
