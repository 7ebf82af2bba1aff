package org.scapscope.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The objects behind a capture store: a folder or a bucket. Keys are relative, with {@code /}
 * between folders, already checked by {@link Keys}. Failures are {@link StoreException}s naming the
 * store and the object.
 */
interface ObjectStore extends AutoCloseable {
    /** Where the objects are, for messages: {@code /home/a/library}, {@code s3://bucket/prefix at https://host}. */
    String location();

    /** Every object directly under {@code prefix} (not in deeper folders). */
    List<ObjectInfo> list(String prefix) throws IOException;

    /**
     * As {@link #list(String)}. {@code cuts} are keys that split the listing into parts of about the
     * same size, as an earlier listing found them: a remote store lists the parts at once. They are
     * only a hint: any keys give the same objects.
     */
    default List<ObjectInfo> list(String prefix, List<String> cuts) throws IOException {
        return list(prefix);
    }

    /** The object, or null when there is none. */
    ObjectInfo stat(String key) throws IOException;

    /** The object's bytes from {@code offset} on. */
    InputStream read(String key, long offset) throws IOException;

    /**
     * The object's bytes from {@code offset} on, provided it is still the version whose tag is
     * {@code etag}: a store that keeps tags refuses with {@link ObjectChangedException} when the object
     * was replaced since. With no tag, or in a store without them, as {@link #read(String, long)}.
     */
    default InputStream read(String key, long offset, String etag) throws IOException {
        return read(key, offset);
    }

    /** The whole of a small object. */
    byte[] readAll(String key) throws IOException;

    /**
     * The whole of a small object read as the first step of a listing, or null when the store has
     * no such object it will give (none, refused, or one larger than {@code maxBytes}). A store that
     * cannot be reached fails as its listing would.
     */
    byte[] readBeforeListing(String key, long maxBytes) throws IOException;

    /** Stores a file as the object, replacing any; {@code sent} hears the bytes sent so far. */
    void write(String key, Path file, LongConsumer sent) throws IOException;

    /** Stores bytes as the object, replacing any. */
    void write(String key, byte[] data) throws IOException;

    /** Deletes the objects; keys that do not exist are no error. */
    void delete(Collection<String> keys) throws IOException;

    @Override
    void close() throws IOException;
}
