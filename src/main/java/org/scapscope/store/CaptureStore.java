package org.scapscope.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.scapscope.scap.CaptureInfo;
import org.scapscope.scap.CapturePeek;
import org.scapscope.scap.Digests;
import org.scapscope.scap.FileReplace;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.ScapFormatException;

/**
 * The captures of one store — a folder (the local library) or an S3 bucket — laid out as
 * {@code PREFIX/ID.scap} (or {@code ID.scap.gz}) with an optional {@code PREFIX/ID.json} metadata
 * object: listed, searched, downloaded into the local cache, uploaded, deleted and pruned.
 *
 * <p>Downloads land in a partial file beside their place in the cache, resume from where an
 * interrupted one stopped (the same version of the object only), are checked (size, and SHA-256
 * when the metadata gives it) and are renamed into place only when whole. A capture already cached
 * and intact is not downloaded again.
 */
public final class CaptureStore implements AutoCloseable {
    private static final String PART = ".part";
    private static final String VERIFIED = ".verified.json";
    private static final String TOLD = ".told.json";
    private static final String SEEN = "metadata-seen.json";
    /**
     * The bucket's shared catalogue of the metadata objects, as one machine last read them
     * (gzip-compressed JSON beside the captures; not a capture, since its name has no capture suffix).
     */
    static final String CATALOGUE = ".scapscope-catalogue";
    /** What one capture's entry may take in the catalogue, compressed, at most: a bound, not an estimate. */
    private static final long CATALOGUE_BYTES_PER_ENTRY = 4096;

    /** An input that fails once it has given more than a bound. */
    private static final class BoundedInput extends java.io.FilterInputStream {
        private long left;

        BoundedInput(InputStream in, long bound) {
            super(in);
            this.left = bound;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new IOException("the catalogue inflates past its bound");
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new IOException("the catalogue inflates past its bound");
            }
            return n;
        }
    }

    /**
     * The most a catalogue read before the listing may take, compressed (some 50,000 captures); it
     * may inflate to eight times that.
     */
    private static final long CATALOGUE_PREFETCH_BYTES = 8L << 20;
    /** Objects a part of a cut listing holds at least: a few pages of a bucket's listing. */
    static final int OBJECTS_PER_LISTING_PART = 2000;
    /** Parts of a cut listing at most, listed at once. */
    private static final int MAX_LISTING_PARTS = 8;

    /** Metadata objects to read, at least, before the shared catalogue is worth reading or writing. */
    static final int CATALOGUE_WORTH = 100;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final ObjectStore objects;
    private final String prefix;
    private final StoreOptions options;
    private final Path cache;
    private final Semaphore downloads;
    private final ExecutorService metadataReaders;
    /** Metadata read before, by key, with the object version it was read from. */
    private final Map<String, CachedMetadata> metadataSeen = new ConcurrentHashMap<>();

    /** A metadata object as read, with the version of the object it was read from. */
    record CachedMetadata(long size, Instant modified, String etag, CaptureMetadata metadata) {
    }

    /** Whether a listing of this store read the bucket's catalogue before listing it. */
    private volatile boolean catalogueReadEarly;

    /** Whether {@link #metadataSeen} changed since it was last saved. */
    private volatile boolean metadataChanged;
    private boolean metadataLoaded;

    CaptureStore(ObjectStore objects, String prefix, StoreOptions options, boolean localFiles) {
        this.objects = objects;
        this.prefix = Keys.normalizePrefix(prefix);
        this.options = options;
        this.cache = localFiles ? null : options.cacheDir().resolve("captures").resolve(cacheName(describe()));
        this.downloads = new Semaphore(options.maxDownloads(), true);
        this.metadataReaders = localFiles ? null : Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "metadata reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** The local library: captures kept as files of {@code folder}, created when missing. */
    public static CaptureStore local(Path folder, StoreOptions options) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new StoreInputException(folder + " is a file, not a folder of captures");
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StoreException("cannot create the capture library " + folder + ": " + Messages.of(e), e);
        }
        return new CaptureStore(new FolderObjects(folder), "", options, true);
    }

    /** The folder a local store keeps its captures in; null for a bucket. */
    public Path localFolder() {
        return objects instanceof FolderObjects f ? f.root() : null;
    }

    /** The captures of an S3 bucket (or of a prefix in it). */
    public static CaptureStore s3(S3Settings settings, StoreOptions options) throws IOException {
        S3Objects objects;
        try {
            objects = new S3Objects(settings);
        } catch (IllegalArgumentException e) {
            // the client's own checks of what it was given (a port out of range, a path, a region's
            // name), whose message may quote the endpoint whole: its shown form takes its place
            String why = String.valueOf(e.getMessage()).replace(String.valueOf(settings.endpoint()),
                    S3Settings.shown(settings.endpoint()));
            throw new StoreAddressException(settings.describe() + ": " + why, e);
        }
        return new CaptureStore(objects, settings.prefix(), options, false);
    }

    /** Where the store is, for titles and messages. */
    public String describe() {
        return objects.location();
    }

    public StoreOptions options() {
        return options;
    }

    // ---------------------------------------------------------------------------------------- listing

    /** Every capture of the store, in no particular order. */
    public List<StoredCapture> list() throws IOException {
        return complete(listObjects());
    }

    /**
     * The first part of a listing: the store's objects, and the metadata already known of them (read
     * before by this machine, or found in the bucket's catalogue). {@link #complete} reads the rest.
     */
    public Listing listObjects() throws IOException {
        loadSeenMetadata();
        // a machine new to a bucket reads its catalogue first, once: it also tells where to cut the listing
        boolean early = metadataReaders != null && metadataSeen.isEmpty() && !catalogueReadEarly;
        catalogueReadEarly |= early;
        Map<String, CachedMetadata> shared = early ? prefetchCatalogue() : null;
        Map<String, ObjectInfo> captures = new LinkedHashMap<>();
        Map<String, ObjectInfo> metadata = new LinkedHashMap<>();
        ObjectInfo catalogue = null;
        for (ObjectInfo o : objects.list(prefix, cuts(shared != null ? shared.keySet() : metadataSeen.keySet()))) {
            String name = Keys.fileName(o.key());
            if (name.equals(CATALOGUE)) {
                catalogue = o;
                continue;
            }
            String id = Keys.idOf(name);
            if (id == null) {
                continue;
            }
            if (name.endsWith(Keys.METADATA)) {
                metadata.put(id, o);
            } else if (!captures.containsKey(id) || name.endsWith(Keys.CAPTURE)) {
                captures.put(id, o); // ID.scap wins over ID.scap.gz
            }
        }
        // a remote store: many metadata objects not read yet may be in the bucket's catalogue
        int unread = metadataReaders == null ? 0 : unknown(metadata.values());
        if (!early && unread >= CATALOGUE_WORTH && catalogue != null) {
            shared = readCatalogue(catalogue, metadata.size());
        }
        if (shared != null && unread > 0) {
            takeFromCatalogue(shared, metadata.values());
            unread = unknown(metadata.values());
        }
        return new Listing(captures, metadata, unread);
    }

    /**
     * Keys that cut the listing of a remote store into parts of some thousands of objects, one part
     * more than there are cores (at most eight), found among the metadata keys known of it: each
     * capture has about two objects, so these keys split the objects about evenly too.
     */
    private List<String> cuts(Collection<String> metadataKeys) {
        if (metadataReaders == null) {
            return List.of();
        }
        String under = prefix.isEmpty() ? "" : prefix + "/";
        List<String> keys = new ArrayList<>(metadataKeys.size());
        for (String k : metadataKeys) {
            if (k.startsWith(under)) {
                keys.add(k);
            }
        }
        int parts = Math.min(Math.min(MAX_LISTING_PARTS, Runtime.getRuntime().availableProcessors() + 1),
                2 * keys.size() / OBJECTS_PER_LISTING_PART);
        if (parts < 2) {
            return List.of();
        }
        keys.sort(Keys.LISTING_ORDER);
        List<String> cuts = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            cuts.add(keys.get(keys.size() * p / parts));
        }
        return cuts;
    }

    /** The second part of a listing: reads the metadata objects not known yet, and gives every capture. */
    public List<StoredCapture> complete(Listing listing) throws IOException {
        return complete(listing, () -> false);
    }

    /** As {@link #complete(Listing)}, stopping with an {@link InterruptedIOException} once {@code cancelled} says so. */
    public List<StoredCapture> complete(Listing listing, BooleanSupplier cancelled)
            throws IOException {
        Collection<ObjectInfo> metas = listing.metadata.values();
        Map<String, CaptureMetadata> read = readMetadata(metas, cancelled);
        if (listing.unread >= CATALOGUE_WORTH) {
            writeCatalogue(metas);
        }
        Set<String> listedKeys = new HashSet<>();
        for (ObjectInfo o : metas) {
            listedKeys.add(o.key());
        }
        if (metadataSeen.keySet().retainAll(listedKeys)) {
            metadataChanged = true;
        }
        saveSeenMetadata();
        return listing.entries(o -> read.get(o.key()));
    }

    /** The captures of a listing as known before its metadata objects are read, and those still to be read. */
    public record Known(List<StoredCapture> captures, Set<String> pending) {
    }

    /**
     * The objects one listing of a store found ({@link #listObjects}): its captures can be shown with
     * what is known of them while {@link #complete} reads the metadata objects not read yet.
     */
    public final class Listing {
        private final Map<String, ObjectInfo> captures;
        private final Map<String, ObjectInfo> metadata;
        private final int unread;

        private Listing(Map<String, ObjectInfo> captures, Map<String, ObjectInfo> metadata, int unread) {
            this.captures = captures;
            this.metadata = metadata;
            this.unread = unread;
        }

        /** How many metadata objects are still to be read. */
        public int unread() {
            return unread;
        }

        /**
         * Every capture with what is known of it now, and the ids of those whose metadata object is
         * still to be read (shown as their capture object tells), found in one pass.
         */
        public Known known() {
            Set<String> pending = new HashSet<>();
            Map<String, CaptureMetadata> now = new HashMap<>();
            for (Map.Entry<String, ObjectInfo> e : metadata.entrySet()) {
                CachedMetadata c = metadataSeen.get(e.getValue().key());
                if (isCurrent(c, e.getValue())) {
                    now.put(e.getValue().key(), c.metadata);
                } else {
                    pending.add(e.getKey());
                }
            }
            return new Known(entries(o -> now.get(o.key())), pending);
        }

        private List<StoredCapture> entries(java.util.function.Function<ObjectInfo, CaptureMetadata> metadataOf) {
            List<StoredCapture> out = new ArrayList<>(captures.size() + metadata.size());
            for (Map.Entry<String, ObjectInfo> e : captures.entrySet()) {
                ObjectInfo m = metadata.get(e.getKey());
                out.add(entry(e.getKey(), e.getValue(), m, m == null ? null : metadataOf.apply(m)));
            }
            for (Map.Entry<String, ObjectInfo> e : metadata.entrySet()) {
                if (!captures.containsKey(e.getKey())) {
                    CaptureMetadata m = metadataOf.apply(e.getValue());
                    // a JSON file that says nothing of a capture, with no capture beside it, is not one
                    if (!CaptureMetadata.EMPTY.equals(m)) {
                        out.add(entry(e.getKey(), null, e.getValue(), m));
                    }
                }
            }
            return out;
        }
    }

    /** A page of the captures a query selects, in its order. */
    public CapturePage list(CaptureQuery query) throws IOException {
        Instant now = options.clock().instant();
        return query.apply(list(), now, now.plus(options.expiringWithin()));
    }

    /** One capture, or a {@link StoreException} when the store has no capture with that id. */
    public StoredCapture info(String id) throws IOException {
        Keys.checkId(id, describe());
        ObjectInfo capture = objects.stat(Keys.key(prefix, id + Keys.CAPTURE));
        if (capture == null) {
            capture = objects.stat(Keys.key(prefix, id + Keys.COMPRESSED));
        }
        ObjectInfo meta = objects.stat(Keys.key(prefix, id + Keys.METADATA));
        if (capture == null && meta == null) {
            throw new StoreInputException("there is no capture " + id + " in " + describe());
        }
        CaptureMetadata m = meta == null ? null : readMetadata(List.of(meta)).get(meta.key());
        return entry(id, capture, meta, m);
    }

    private StoredCapture entry(String id, ObjectInfo capture, ObjectInfo meta, CaptureMetadata m) {
        CaptureMetadata md = m != null ? m : CaptureMetadata.EMPTY;
        if (capture != null && (md.host() == null || md.startTime() == null || md.durationSeconds() == null)) {
            CaptureMetadata told = toldByCapture(id, capture);
            if (told == null && cache == null && (md.host() == null || md.startTime() == null)) {
                told = peekLocal(capture);
            }
            if (told != null) {
                md = md.orElse(told);
            }
        }
        if (capture == null && md.status() == CaptureStatus.UPLOADING && meta != null
                && meta.lastModified().plus(UPLOAD_LEFT).isBefore(options.clock().instant())) {
            // an upload that stopped (the program ended, the machine went down) says so, not "uploading" for ever
            md = md.withStatus(CaptureStatus.ERROR, "its upload was left unfinished: its metadata has said uploading"
                    + " since " + meta.lastModified() + ", and its data (" + id + Keys.CAPTURE + ") is not in "
                    + describe());
        }
        if (capture == null && md.status() == CaptureStatus.OK) {
            // the metadata says the capture is there, and it is not: an error, not one still to come
            md = md.withStatus(CaptureStatus.ERROR, "its data (" + id + Keys.CAPTURE + " or " + id + Keys.COMPRESSED
                    + ") is missing from " + describe());
        }
        Instant modified = capture != null ? capture.lastModified() : meta.lastModified();
        Instant stored = capture != null ? capture.stored() : meta.stored();
        Instant expires = md.expiresAt() != null ? md.expiresAt()
                : (md.createdAt() != null ? md.createdAt() : stored).plus(options.retention());
        return new StoredCapture(id, capture == null ? null : capture.key(), meta == null ? null : meta.key(),
                capture == null ? -1 : capture.size(), modified, capture == null ? null : capture.etag(), md, expires);
    }

    /** How many of these metadata objects have not been read in their current version. */
    private int unknown(Collection<ObjectInfo> metas) {
        int n = 0;
        for (ObjectInfo o : metas) {
            if (!isCurrent(metadataSeen.get(o.key()), o)) {
                n++;
            }
        }
        return n;
    }

    private static boolean isCurrent(CachedMetadata c, ObjectInfo o) {
        return c != null && c.size == o.size() && c.modified.equals(o.lastModified())
                && (o.etag() == null || o.etag().equals(c.etag));
    }

    /**
     * The bucket's catalogue before it is listed, or null when it has none that can be read; a
     * catalogue far bigger than any of thousands of captures is not read.
     */
    private Map<String, CachedMetadata> prefetchCatalogue() throws IOException {
        byte[] compressed = objects.readBeforeListing(Keys.key(prefix, CATALOGUE), CATALOGUE_PREFETCH_BYTES);
        return compressed == null ? null : parseCatalogue(compressed, 8 * CATALOGUE_PREFETCH_BYTES);
    }

    /** The catalogue a listing found, for {@code metas} metadata objects; null when it cannot be read. */
    private Map<String, CachedMetadata> readCatalogue(ObjectInfo catalogue, int metas) {
        // a catalogue is a few hundred bytes per capture: one far bigger is not read, nor inflated past a bound
        long bound = CATALOGUE_BYTES_PER_ENTRY * (metas + 1000L);
        if (catalogue.size() > bound) {
            return null;
        }
        try {
            return parseCatalogue(objects.readAll(catalogue.key()), 8 * bound);
        } catch (IOException e) {
            return null; // only a shortcut: the metadata objects are read one by one instead
        }
    }

    /** A catalogue's entries by metadata key, or null when its bytes are not one. */
    private static Map<String, CachedMetadata> parseCatalogue(byte[] compressed, long inflatedBound) {
        try (InputStream in = new BoundedInput(new GZIPInputStream(new ByteArrayInputStream(compressed)), inflatedBound)) {
            return MetadataJson.MAPPER.readValue(in, new TypeReference<Map<String, CachedMetadata>>() { });
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Takes what the bucket's shared catalogue says of metadata objects not known here: another
     * machine's reading, each entry used only while its object is still of the version it was read at.
     */
    private void takeFromCatalogue(Map<String, CachedMetadata> shared, Collection<ObjectInfo> metas) {
        for (ObjectInfo o : metas) {
            CachedMetadata c = shared.get(o.key());
            if (c != null && c.modified != null && c.metadata != null && isCurrent(c, o)
                    && !isCurrent(metadataSeen.get(o.key()), o)) {
                metadataSeen.put(o.key(), c);
                metadataChanged = true;
            }
        }
    }

    /**
     * Leaves in the bucket what this listing read, so that the next machine to list it reads one
     * object instead of thousands. A store this user cannot write to keeps no catalogue.
     */
    private void writeCatalogue(Collection<ObjectInfo> metas) {
        Map<String, CachedMetadata> shared = new HashMap<>();
        for (ObjectInfo o : metas) {
            CachedMetadata c = metadataSeen.get(o.key());
            if (isCurrent(c, o)) {
                shared.put(o.key(), c);
            }
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bytes)) {
                MetadataJson.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValue(out, shared);
            }
            objects.write(Keys.key(prefix, CATALOGUE), bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            // only a shortcut for other machines: the listing itself is complete
        }
    }

    /** Reads metadata objects, in parallel for a remote store, reusing what was read of the same version. */
    private Map<String, CaptureMetadata> readMetadata(Collection<ObjectInfo> metas) throws IOException {
        return readMetadata(metas, () -> false);
    }

    private Map<String, CaptureMetadata> readMetadata(Collection<ObjectInfo> metas,
            BooleanSupplier cancelled) throws IOException {
        Map<String, CaptureMetadata> out = new ConcurrentHashMap<>();
        List<ObjectInfo> toRead = new ArrayList<>();
        for (ObjectInfo o : metas) {
            CachedMetadata c = metadataSeen.get(o.key());
            if (isCurrent(c, o)) {
                out.put(o.key(), c.metadata);
            } else {
                toRead.add(o);
            }
        }
        if (metadataReaders == null || toRead.size() < 2) {
            for (ObjectInfo o : toRead) {
                stopIf(cancelled);
                readInto(out, o);
            }
            return out;
        }
        List<Future<?>> pending = new ArrayList<>();
        for (ObjectInfo o : toRead) {
            pending.add(metadataReaders.submit(() -> {
                stopIf(cancelled);
                readInto(out, o);
                return null;
            }));
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("listing " + describe() + " was interrupted");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IOException ? (IOException) cause : new StoreException(Messages.of(cause), cause);
            }
        }
        return out;
    }

    private void stopIf(BooleanSupplier cancelled) throws InterruptedIOException {
        if (cancelled.getAsBoolean()) {
            throw new InterruptedIOException("listing " + describe() + " was cancelled");
        }
    }

    /** Reads a metadata object into {@code out}, unless it was deleted since it was listed. */
    private void readInto(Map<String, CaptureMetadata> out, ObjectInfo o) throws IOException {
        CaptureMetadata m = readOne(o);
        if (m != null) {
            out.put(o.key(), m);
        }
    }

    /** A metadata object; one that cannot be read makes its capture an error that says why, not a failed listing. */
    private CaptureMetadata readOne(ObjectInfo o) throws IOException {
        CaptureMetadata m;
        try {
            m = MetadataJson.read(readMetadataObject(o));
        } catch (StoreException e) {
            if (objects.stat(o.key()) == null) {
                return null; // deleted since it was listed
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            m = CaptureMetadata.EMPTY.withStatus(CaptureStatus.ERROR,
                    "the metadata " + o.key() + " cannot be read: " + firstLine(e.getMessage()));
        }
        metadataSeen.put(o.key(), new CachedMetadata(o.size(), o.lastModified(), o.etag(), m));
        metadataChanged = true;
        return m;
    }

    /** How long an upload may say it is under way with no data in the store before it is taken as stopped. */
    static final java.time.Duration UPLOAD_LEFT = java.time.Duration.ofDays(1);

    /** Capture metadata is a few hundred bytes: an object far larger is something else, and is not read whole. */
    static final long MAX_METADATA_BYTES = 1 << 20;

    private byte[] readMetadataObject(ObjectInfo o) throws IOException {
        if (o.size() > MAX_METADATA_BYTES) {
            throw new IOException("it has " + o.size() + " bytes, far more than capture metadata has (at most "
                    + MAX_METADATA_BYTES + " are read)");
        }
        return objects.readAll(o.key());
    }

    /**
     * A remote store keeps the metadata it read in its cache folder, by object version, so that a
     * listing reads only the metadata objects that are new or changed since the last one.
     */
    private synchronized void loadSeenMetadata() {
        if (metadataLoaded || cache == null) {
            return;
        }
        metadataLoaded = true;
        Path f = cache.resolve(SEEN);
        if (!Files.isRegularFile(f)) {
            return;
        }
        try {
            Map<String, CachedMetadata> m = MetadataJson.MAPPER.readValue(Files.readAllBytes(f),
                    new TypeReference<Map<String, CachedMetadata>>() { });
            metadataSeen.putAll(m);
        } catch (IOException | RuntimeException e) {
            // a damaged cache is read again from the store
        }
    }

    private synchronized void saveSeenMetadata() {
        if (cache == null || !metadataChanged) {
            return;
        }
        metadataChanged = false;
        try {
            Files.createDirectories(cache);
            FileReplace.write(cache.resolve(SEEN), MetadataJson.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(new HashMap<>(metadataSeen)));
        } catch (IOException e) {
            // only a cache: the next listing reads the store again
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "not valid JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    // ---------------------------------------------------------------------------------------- what a capture tells

    /** What a downloaded capture without metadata tells of itself (host, start, duration), or null. */
    private CaptureMetadata toldByCapture(String id, ObjectInfo capture) {
        Path told = toldFile(id, capture);
        if (!Files.isRegularFile(told)) {
            return null;
        }
        try {
            return MetadataJson.read(Files.readAllBytes(told));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Where what a capture told is kept: beside its download for a remote store, by the object's
     * version, so that a capture replaced in the store is not described by what the old one told;
     * for the library, in the cache by the file's version.
     */
    private Path toldFile(String id, ObjectInfo capture) {
        if (cache != null) {
            return cache.resolve(id + "@" + cacheName(capture.size() + "@" + capture.etag() + "@"
                    + capture.lastModified()) + TOLD);
        }
        return options.cacheDir().resolve("told").resolve(cacheName(describe() + "/" + capture.key() + "@"
                + capture.size() + "@" + capture.lastModified()) + TOLD);
    }

    /** Keeps what a capture told; only a convenience for listing, so a failure to write is let be. */
    private static void keepTold(Path target, CaptureMetadata m) {
        try {
            Files.createDirectories(target.getParent());
            FileReplace.write(target, MetadataJson.write(m));
        } catch (IOException e) {
            // told again next time
        }
    }

    /**
     * What the start of a library capture with no metadata tells (its host and start time), read
     * without indexing it and kept as what it told until it is opened, which adds its duration.
     * A file dropped in that is not a capture is an error, with what its start shows.
     */
    private CaptureMetadata peekLocal(ObjectInfo capture) {
        Path file;
        try {
            file = ((FolderObjects) objects).file(capture.key());
        } catch (StoreException e) {
            return null;
        }
        CapturePeek peek;
        try {
            peek = CapturePeek.of(file);
        } catch (ScapFormatException e) {
            CaptureMetadata m = notACapture(file, e);
            keepTold(toldFile(null, capture), m);
            return m;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        CaptureMetadata m = CaptureMetadata.EMPTY.withHost(peek.hostname())
                .withTimes(peek.firstTs() < 0 ? null : Instant.ofEpochSecond(0, peek.firstTs()), null);
        keepTold(toldFile(null, capture), m);
        return m;
    }

    /**
     * Reads a capture's own account of itself, for listing it when it has no metadata; kept beside it
     * in the cache. A file that is not a readable capture tells nothing.
     */
    private void learnFromCapture(String id, Path file, ObjectInfo capture) {
        CaptureInfo info = infoOf(file);
        if (info == null) {
            try {
                CapturePeek.checkStart(file);
            } catch (ScapFormatException e) {
                keepTold(toldFile(id, capture), notACapture(file, e));
            } catch (IOException | RuntimeException e) {
                // unreadable here and now: nothing is learnt
            }
            return;
        }
        CaptureMetadata told = tell(info);
        String damage = damageOf(file, info);
        keepTold(toldFile(id, capture), damage == null ? told : told.withStatus(CaptureStatus.ERROR, damage));
    }

    /** A file that is not a capture: an error saying why, of the stored capture rather than the local file read. */
    private static CaptureMetadata notACapture(Path file, ScapFormatException e) {
        String why = e.getMessage();
        String said = saidOf(why, file, "the file");
        return CaptureMetadata.EMPTY.withStatus(CaptureStatus.ERROR, said != null ? said : why);
    }

    /**
     * A reader's sentence about the local copy it read ("/cache/x.scap is cut short ..."), said of
     * {@code subject} instead ("the file is cut short ..."); null when the sentence does not start
     * with the copy's path.
     */
    private static String saidOf(String sentence, Path file, String subject) {
        String named = file + " ";
        return sentence.startsWith(named) ? subject + " " + sentence.substring(named.length()) : null;
    }

    /** What a capture file's reader tells of it (its tables read), or null when it is not a readable capture. */
    private CaptureInfo infoOf(Path file) {
        try (ScapFile scap = ScapFile.open(file, OpenOptions.defaults().cacheDir(options.cacheDir()))) {
            return scap.info();
        } catch (Exception e) {
            return null;
        }
    }

    /** What the reader of {@code file} found wrong with it (cut short, corrupt), or null when nothing. */
    private static String damageOf(Path file, CaptureInfo info) {
        // blocks of a type this reader does not know (a newer writer's) are skipped, not damage
        List<String> warnings = info.warnings().stream().filter(w -> !w.endsWith("of unknown type skipped")).toList();
        if (warnings.isEmpty()) {
            return null;
        }
        // the reader names the file it read, which is the local one, not the stored capture
        String first = warnings.get(0);
        String said = saidOf(first, file, "the capture");
        String own = file + ": ";
        return said != null ? said
                : "the capture is damaged: " + (first.startsWith(own) ? first.substring(own.length()) : first);
    }

    /** Host, start and duration, as a capture tells them. */
    private static CaptureMetadata tell(CaptureInfo info) {
        CaptureMetadata m = CaptureMetadata.EMPTY;
        if (info.machine() != null && info.machine().hostname() != null && !info.machine().hostname().isEmpty()) {
            m = m.withHost(info.machine().hostname());
        }
        if (info.firstTs() >= 0) {
            m = m.withTimes(Instant.ofEpochSecond(0, info.firstTs()), info.durationNanos() / 1e9);
        }
        return m;
    }

    // ---------------------------------------------------------------------------------------- download

    /**
     * The capture as a local file: for the local library, its own file; for a remote store, the
     * cached copy, downloaded first when it is not in the cache intact. Waits its turn when
     * {@link StoreOptions#maxDownloads} downloads are running.
     *
     * @throws CancellationException when {@code cancelled} says so; the part downloaded is kept
     *     for the next attempt to resume from
     */
    public Path download(String id, DownloadListener listener, BooleanSupplier cancelled) throws IOException {
        DownloadListener l = listener != null ? listener : DownloadListener.NONE;
        BooleanSupplier stop = cancelled != null ? cancelled : () -> false;
        StoredCapture c = info(id);
        if (!c.hasData()) {
            throw new StoreException("the capture " + id + " in " + describe()
                    + (c.status() == CaptureStatus.ERROR ? " has no data (status " : " has no data yet (status ")
                    + c.status().text() + (c.metadata().error() != null ? ": " + c.metadata().error() : "") + ")");
        }
        if (cache == null) {
            Path file = ((FolderObjects) objects).file(c.captureKey());
            ObjectInfo object = objects.stat(c.captureKey());
            if (object == null) {
                throw new StoreInputException("the capture " + id + " was deleted from " + describe() + " as it was opened");
            }
            verifyLocal(c, file, object);
            if (c.metadata().host() == null || c.metadata().durationSeconds() == null) {
                learnFromCapture(id, file, object);
            }
            l.alreadyCached();
            l.progress(c.objectSize(), c.objectSize());
            return file;
        }
        Path target = cache.resolve(Keys.fileName(c.captureKey()));
        if (intact(target, c)) {
            l.alreadyCached();
            l.progress(c.objectSize(), c.objectSize());
            return target;
        }
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new StoreException("cannot create the download cache " + cache + ": " + Messages.of(e), e);
        }
        // one download of a capture at a time, here or in another program sharing the cache: the
        // one that waited finds the copy the other made
        try (DownloadLock lock = DownloadLock.acquire(options.cacheDir(), target, id, l::queued, stop)) {
            if (intact(target, c)) {
                l.alreadyCached();
                l.progress(c.objectSize(), c.objectSize());
                return target;
            }
            if (!downloads.tryAcquire()) {
                l.queued();
                try {
                    while (!downloads.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        if (stop.getAsBoolean()) {
                            throw new CancellationException("the download of " + id + " was cancelled");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("the download of " + id + " was interrupted");
                }
            }
            try {
                fetch(c, target, l, stop);
            } finally {
                downloads.release();
            }
        }
        if (c.metadata().host() == null || c.metadata().durationSeconds() == null) {
            try {
                forgetTold(id); // what an older version told, if any
            } catch (IOException e) {
                // only a convenience for listing: an older account is ignored by its version
            }
            learnFromCapture(id, target, new ObjectInfo(c.captureKey(), c.objectSize(), c.lastModified(), c.etag()));
        }
        return target;
    }

    /**
     * Checks a library capture against its metadata's size and SHA-256, once for each version of the
     * file: the check is remembered in the cache.
     */
    private void verifyLocal(StoredCapture c, Path file, ObjectInfo object) throws IOException {
        String expected = c.metadata().sha256();
        Long expectedSize = c.metadata().sizeBytes();
        String what = "the capture " + c.id() + " (" + file + ")";
        if (expectedSize != null && expectedSize != object.size()) {
            throw new StoreException(what + " is corrupt: it has " + object.size() + " bytes but its metadata says "
                    + expectedSize);
        }
        if (expected == null) {
            return;
        }
        Path marker = options.cacheDir().resolve("verified").resolve(cacheName(file + "@" + object.size() + "@"
                + object.lastModified() + "@" + expected.toLowerCase()) + VERIFIED);
        if (Files.isRegularFile(marker)) {
            return;
        }
        String hash = sha256Of(file);
        if (!hash.equalsIgnoreCase(expected)) {
            throw new StoreException(what + " is corrupt: its SHA-256 is " + hash + " but its metadata says "
                    + expected.toLowerCase());
        }
        try {
            Files.createDirectories(marker.getParent());
            FileReplace.write(marker, MetadataJson.MAPPER.writeValueAsBytes(new Verified(object.size(), null, hash,
                    object.lastModified().toEpochMilli())));
        } catch (IOException e) {
            // the check is repeated next time
        }
    }

    /** The cached copy's path, whether or not it is there yet. */
    public Path cachedPath(StoredCapture c) throws StoreException {
        if (cache == null) {
            return ((FolderObjects) objects).file(c.captureKey());
        }
        return cache.resolve(Keys.fileName(c.captureKey()));
    }

    /** Whether the capture is in the cache, whole and of the object's current version. */
    public boolean isCached(StoredCapture c) {
        if (!c.hasData()) {
            return false;
        }
        if (cache == null) {
            return true;
        }
        return intact(cache.resolve(Keys.fileName(c.captureKey())), c);
    }

    /** Whether the cached file is the object as it is now: checked when it was downloaded, and unchanged since. */
    private boolean intact(Path target, StoredCapture c) {
        Path marker = target.resolveSibling(target.getFileName() + VERIFIED);
        try {
            if (!Files.isRegularFile(target) || !Files.isRegularFile(marker) || Files.size(target) != c.objectSize()) {
                return false;
            }
            Verified v = MetadataJson.MAPPER.readValue(Files.readAllBytes(marker), Verified.class);
            return v.size == c.objectSize() && eq(v.etag, c.etag()) && v.modified == Files.getLastModifiedTime(target).toMillis()
                    && (c.metadata().sha256() == null || c.metadata().sha256().equalsIgnoreCase(v.sha256));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean eq(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    /** What was checked of a cached copy. */
    record Verified(long size, String etag, String sha256, long modified) {
    }

    /** The version of the object a partial file holds the start of. */
    record PartOf(long size, String etag, String lastModified) {
    }

    private void fetch(StoredCapture c, Path target, DownloadListener l, BooleanSupplier stop) throws IOException {
        String what = "the capture " + c.id() + " (" + c.captureKey() + ") from " + describe();
        Path part = target.resolveSibling(target.getFileName() + PART);
        Path partOf = target.resolveSibling(target.getFileName() + PART + ".json");
        PartOf version = new PartOf(c.objectSize(), c.etag(), String.valueOf(c.lastModified()));
        long offset = 0;
        if (Files.isRegularFile(part) && Files.isRegularFile(partOf)) {
            try {
                PartOf had = MetadataJson.MAPPER.readValue(Files.readAllBytes(partOf), PartOf.class);
                long have = Files.size(part);
                if (had.equals(version) && have <= c.objectSize()) {
                    offset = have;
                }
            } catch (IOException | RuntimeException e) {
                offset = 0;
            }
        }
        MessageDigest sha = Digests.sha256();
        if (offset > 0) {
            hashInto(sha, part, offset);
            l.resumed(offset);
        } else {
            Files.deleteIfExists(part);
            FileReplace.write(partOf, MetadataJson.MAPPER.writeValueAsBytes(version));
        }
        long done = offset;
        l.progress(done, c.objectSize());
        boolean keepPart = true;
        // pinned to the version listed: a replaced object must not continue the bytes of the old one;
        // a part already whole (the program ended before it was put in place) is only checked
        try (InputStream in = done < c.objectSize() ? objects.read(c.captureKey(), offset, c.etag())
                : InputStream.nullInputStream();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            byte[] buf = new byte[1 << 16];
            while (done < c.objectSize()) {
                if (stop.getAsBoolean()) {
                    throw new CancellationException("the download of " + c.id() + " was cancelled");
                }
                int n;
                try {
                    n = in.read(buf, 0, (int) Math.min(buf.length, c.objectSize() - done));
                } catch (IOException e) {
                    throw gone(c, what, e);
                }
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) {
                    keepPart = false; // a local failure (a full disk): the partial file goes
                    throw new StoreException("cannot write " + what + " to the cache " + cache + ": " + Messages.of(e), e);
                }
                sha.update(buf, 0, n);
                done += n;
                l.progress(done, c.objectSize());
            }
        } catch (ObjectChangedException e) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(partOf);
            throw new StoreException(what + " was replaced in the store while it downloaded; what had arrived was"
                    + " discarded, and downloading it again gets the new version", e);
        } catch (StoreException | CancellationException e) {
            if (!keepPart) {
                Files.deleteIfExists(part);
                Files.deleteIfExists(partOf);
            }
            throw e;
        } catch (IOException e) {
            throw gone(c, what, e);
        }
        if (done != c.objectSize()) {
            throw new StoreException("the download of " + what + " ended after " + done + " of " + c.objectSize()
                    + " bytes; downloading it again resumes from there");
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        String expected = c.metadata().sha256();
        if (expected != null && !expected.equalsIgnoreCase(hash)) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(partOf);
            throw new StoreException("the download of " + what + " is corrupt: its SHA-256 is " + hash
                    + " but the metadata says " + expected.toLowerCase() + "; the download was discarded");
        }
        if (expected == null && c.metadata().sizeBytes() != null && c.metadata().sizeBytes() != done) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(partOf);
            throw new StoreException("the download of " + what + " has " + done + " bytes but the metadata says "
                    + c.metadata().sizeBytes() + "; the download was discarded");
        }
        try (var ch = java.nio.channels.FileChannel.open(part, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(partOf);
        Path marker = target.resolveSibling(target.getFileName() + VERIFIED);
        FileReplace.write(marker, MetadataJson.MAPPER.writeValueAsBytes(
                new Verified(done, c.etag(), hash, Files.getLastModifiedTime(target).toMillis())));
    }

    /** A failure while reading the object: the store went away, or the object did. */
    private StoreException gone(StoredCapture c, String what, IOException e) {
        try {
            if (objects.stat(c.captureKey()) == null) {
                return new StoreException(what + " failed: the object was deleted from the store while it downloaded", e);
            }
        } catch (IOException ignored) {
            // the store is unreachable: say what the read said
        }
        return new StoreException("the download of " + what + " was interrupted: " + Messages.of(e)
                + "; downloading it again resumes where it stopped", e);
    }

    private static void hashInto(MessageDigest sha, Path file, long length) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            long left = length;
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; ) {
                sha.update(buf, 0, n);
                left -= n;
            }
        }
    }

    /** The SHA-256 of a file, in hex. */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest sha = Digests.sha256();
        hashInto(sha, file, Long.MAX_VALUE);
        return HexFormat.of().formatHex(sha.digest());
    }

    // ---------------------------------------------------------------------------------------- upload, delete, prune

    /**
     * Stores a local capture with its metadata (the Keep action): a new id unless the metadata
     * names one, the SHA-256 and size computed, host and times read from the capture where the
     * metadata leaves them out, and the expiry set by the retention. While the capture uploads its
     * metadata says {@code uploading}.
     */
    public StoredCapture put(Path file, CaptureMetadata metadata, DownloadListener listener) throws IOException {
        DownloadListener l = listener != null ? listener : DownloadListener.NONE;
        if (!Files.isRegularFile(file)) {
            throw new StoreInputException("cannot add " + file + " to " + describe() + ": it is not a file");
        }
        Instant now = options.clock().instant();
        String id = metadata.id() != null ? Keys.checkId(metadata.id(), describe()) : newId(now);
        if (id.startsWith("-")) {
            // a new id that every command would read as an option
            throw new StoreInputException("'" + id + "' cannot be a new capture's id: it starts with '-', as options do");
        }
        CaptureInfo read = infoOf(file);
        if (read == null) {
            throw new StoreInputException("cannot add " + file + " to " + describe() + ": it is not a readable capture");
        }
        CaptureMetadata told = tell(read);
        boolean gz = ScapFile.isGzip(file);
        String captureKey = Keys.key(prefix, id + (gz ? Keys.COMPRESSED : Keys.CAPTURE));
        String metaKey = Keys.key(prefix, id + Keys.METADATA);
        if (objects.stat(Keys.key(prefix, id + Keys.CAPTURE)) != null
                || objects.stat(Keys.key(prefix, id + Keys.COMPRESSED)) != null || objects.stat(metaKey) != null) {
            throw new StoreInputException("there is already a capture " + id + " in " + describe());
        }
        long size = Files.size(file);
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(file);
        String hash = sha256Of(file);
        CaptureMetadata m = metadata.withId(id).orElse(told)
                .withContent(size, hash)
                .withLifetime(now, metadata.expiresAt() != null ? metadata.expiresAt() : now.plus(options.retention()));
        if (m.name() == null) {
            m = m.withName(stem(file.getFileName().toString()));
        }
        if (m.trigger() == null) {
            m = m.withTrigger(Trigger.MANUAL);
        }
        objects.write(metaKey, MetadataJson.write(m.withStatus(CaptureStatus.UPLOADING, null)));
        try {
            objects.write(captureKey, file, sent -> l.progress(sent, size));
        } catch (IOException e) {
            try {
                objects.write(metaKey, MetadataJson.write(m.withStatus(CaptureStatus.ERROR,
                        "the upload failed: " + Messages.of(e))));
            } catch (IOException ignored) {
                // the store is gone: the upload's own failure is what to report
            }
            throw e;
        }
        // the checksum and the copy are two reads: a file still being written (sysdig running) would
        // be stored with a checksum of fewer bytes than it has, and refused as corrupt ever after
        if (Files.size(file) != size || !Files.getLastModifiedTime(file).equals(written)) {
            try {
                objects.delete(List.of(captureKey, metaKey));
            } catch (IOException ignored) {
                // the store is gone: the change is what to report
            }
            throw new StoreInputException("cannot add " + file + " to " + describe() + ": it changed while it was"
                    + " being added (is it still being written?); add it once it is complete");
        }
        // a capture cut short or damaged is kept, and readable up to the damage, but says so
        String damage = damageOf(file, read);
        m = damage == null ? m.withStatus(CaptureStatus.OK, null) : m.withStatus(CaptureStatus.ERROR, damage);
        objects.write(metaKey, MetadataJson.write(m));
        return info(id);
    }

    /** Writes or replaces the metadata of a capture. */
    public void putMetadata(String id, CaptureMetadata metadata) throws IOException {
        Keys.checkId(id, describe());
        objects.write(Keys.key(prefix, id + Keys.METADATA), MetadataJson.write(metadata.withId(id)));
    }

    private static String stem(String fileName) {
        for (String ext : new String[] {Keys.COMPRESSED, Keys.CAPTURE, ".gz"}) {
            if (fileName.endsWith(ext) && fileName.length() > ext.length()) {
                return fileName.substring(0, fileName.length() - ext.length());
            }
        }
        return fileName;
    }

    private static String newId(Instant now) {
        return ID_TIME.format(now) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
    }

    /** Deletes captures (their data and metadata, and any cached copy); every id must exist. */
    public void delete(Collection<String> ids) throws IOException {
        List<StoredCapture> found = new ArrayList<>();
        for (String id : ids) {
            found.add(info(id));
        }
        deleteAll(found);
    }

    private void deleteAll(List<StoredCapture> captures) throws IOException {
        List<String> keys = new ArrayList<>();
        for (StoredCapture c : captures) {
            if (c.captureKey() != null) {
                // both forms, should the capture be there as ID.scap and ID.scap.gz: neither comes back
                keys.add(Keys.key(prefix, c.id() + Keys.CAPTURE));
                keys.add(Keys.key(prefix, c.id() + Keys.COMPRESSED));
            }
            if (c.metadataKey() != null) {
                keys.add(c.metadataKey());
                metadataSeen.remove(c.metadataKey());
            }
        }
        objects.delete(keys);
        for (StoredCapture c : captures) {
            if (cache != null && c.captureKey() != null) {
                Path target = cache.resolve(Keys.fileName(c.captureKey()));
                for (String suffix : new String[] {"", VERIFIED, PART, PART + ".json"}) {
                    Files.deleteIfExists(target.resolveSibling(target.getFileName() + suffix));
                }
                forgetTold(c.id());
            }
        }
    }

    /** Removes what a remote capture's downloads told, of every version ('@' is in no id). */
    private void forgetTold(String id) throws IOException {
        if (!Files.isDirectory(cache)) {
            return;
        }
        try (Stream<Path> all = Files.list(cache)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(TOLD) && (n.equals(id + TOLD) || n.startsWith(id + "@"))) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Deletes every capture whose expiry has passed; returns them. A capture whose metadata cannot be
     * read is kept: its expiry is not known (the metadata may well say to keep it).
     */
    public List<StoredCapture> prune() throws IOException {
        Instant now = options.clock().instant();
        List<StoredCapture> expired = new ArrayList<>();
        for (StoredCapture c : list()) {
            if (c.expiredAt(now) && expiryKnown(c)) {
                expired.add(c);
            }
        }
        deleteAll(expired);
        return expired;
    }

    /** Whether a capture's expiry is known: its metadata names it, or there is none, or it reads whole. */
    private boolean expiryKnown(StoredCapture c) throws IOException {
        if (c.metadata().expiresAt() != null || c.metadataKey() == null) {
            return true;
        }
        ObjectInfo meta = objects.stat(c.metadataKey());
        if (meta == null) {
            return false; // gone since the listing: not pruned on what it said
        }
        try {
            MetadataJson.read(readMetadataObject(meta));
            return true;
        } catch (StoreException e) {
            if (objects.stat(c.metadataKey()) == null) {
                return false; // deleted as it was read (another machine pruning, an rm)
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------- helpers

    /** A file-name-safe name for a store's cache folder. */
    private static String cacheName(String location) {
        return Digests.shortName(location, 10);
    }

    @Override
    public void close() throws IOException {
        if (metadataReaders != null) {
            metadataReaders.shutdownNow();
        }
        objects.close();
    }
}
