package org.scapscope.scap;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * An open capture: the file memory-mapped, plus its event index.
 *
 * <p>Opening indexes the capture once, in one sequential pass, and keeps the index in the cache
 * directory; later opens of the unchanged file reuse it. A gzip capture is inflated once into the
 * cache and the inflated copy is mapped. After opening, reaching event N or the first event at a
 * time is a lookup, never a scan.
 *
 * <p>Thread safety: an open capture may be read from many threads, each with its own
 * {@link ScapEvent}.
 */
public final class ScapFile implements AutoCloseable {
    private final Path path;
    private final long fileSize;
    private final boolean compressed;
    private final FileChannel dataChannel;
    private final MappedInput little;
    private final MappedInput big;
    /** The input every event is read with when all sections share one byte order; null otherwise. */
    private final MappedInput single;
    private final EventIndex index;
    /** The first event of each section, for finding an event's section without a search when there is one. */
    private final long[] sectionStarts;
    private final List<String> warnings;
    private volatile MachineInfo machine;
    private Path cacheDir;
    private String cacheKey;
    private long stamp;
    private Mapped mapped;

    /**
     * A capture's bytes mapped into memory: the capture, the file mapped (it or its inflated copy),
     * its length then, and whether the capture is still open.
     */
    private static final class Mapped {
        final Path capture;
        final Path file;
        final long length;
        volatile boolean open;

        Mapped(Path capture, Path file, long length) {
            this.capture = capture;
            this.file = file;
            this.length = length;
        }
    }

    /**
     * The captures this process mapped last, for naming the one cut short under a read: the fault
     * is met after the capture is closed, as the failure leaves the work that read it.
     */
    private static final java.util.Deque<Mapped> MAPPED = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private static final int MAPPINGS_KEPT = 32;

    private ScapFile(Path path, long fileSize, boolean compressed, FileChannel dataChannel, MappedInput data,
                     EventIndex index, List<String> warnings) {
        this.path = path;
        this.fileSize = fileSize;
        this.compressed = compressed;
        this.dataChannel = dataChannel;
        this.little = data.withOrder(ByteOrder.LITTLE_ENDIAN);
        this.big = data.withOrder(ByteOrder.BIG_ENDIAN);
        this.index = index;
        boolean anyBig = index.sections.stream().anyMatch(Section::bigEndian);
        boolean anyLittle = index.sections.stream().anyMatch(sec -> !sec.bigEndian());
        this.single = anyBig && anyLittle ? null : anyBig ? big : little;
        this.sectionStarts = index.sections.stream().mapToLong(Section::firstEvent).toArray();
        this.warnings = warnings;
    }

    public static ScapFile open(Path path) throws IOException, ScapFormatException {
        return open(path, OpenOptions.defaults());
    }

    public static ScapFile open(Path path, OpenOptions options) throws IOException, ScapFormatException {
        return open(path, options, true);
    }

    private static ScapFile open(Path path, OpenOptions options, boolean mayInflateAgain)
            throws IOException, ScapFormatException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "no such capture file");
        }
        if (!attrs.isRegularFile()) {
            throw new FileSystemException(path.toString(), null, "not a capture file but a directory or device");
        }
        long size = attrs.size();
        long stamp = stamp(path, size, attrs);
        String key = cacheKey(path);
        List<String> warnings = new ArrayList<>();

        Path cache = options.cacheDir();
        boolean gzip = isGzip(path);
        Path data = path;
        if (gzip) {
            data = inflate(path, cache, key, size, stamp, warnings, options);
        }
        FileChannel channel = FileChannel.open(data, StandardOpenOption.READ);
        try {
            long dataSize = channel.size();
            MappedInput mapped = MappedInput.map(channel, dataSize, options.chunkShift());
            Mapped mapping = new Mapped(path, data, dataSize);
            MAPPED.addFirst(mapping);
            while (MAPPED.size() > MAPPINGS_KEPT) {
                MAPPED.pollLast();
            }
            EventIndex index = loadIndex(mapped, cache, key, size, stamp, path.toString(), options);
            if (gzip && index.dataEnd > dataSize && mayInflateAgain) {
                // the inflated copy in the cache was cut short after it was indexed: it is made again
                index.close();
                channel.close();
                try {
                    Files.deleteIfExists(data);
                } catch (IOException stillMapped) {
                    // where a mapped file cannot be removed the copy is replaced on the next inflate
                }
                return open(path, options, false);
            }
            warnings.addAll(index.warnings);
            ScapFile f = new ScapFile(path, size, gzip, channel, mapped, index, List.copyOf(warnings));
            f.cacheDir = cache;
            f.cacheKey = key;
            f.stamp = stamp;
            f.mapped = mapping;
            mapping.open = true;
            return f;
        } catch (IOException | ScapFormatException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static EventIndex loadIndex(MappedInput data, Path cache, String key, long size, long stamp,
                                        String name, OpenOptions options) throws IOException, ScapFormatException {
        Path file = cache.resolve("index").resolve(key + ".idx");
        EventIndex index = EventIndex.openIfCurrent(file, size, stamp);
        if (index != null) {
            return index;
        }
        try {
            EventIndex.build(data, file, size, stamp, name, options);
        } catch (IOException e) {
            if (e instanceof InterruptedIOException) {
                throw e;
            }
            // The cache may be read-only or full: index into a temporary file instead.
            Path inCache = file;
            try {
                file = Files.createTempFile("scapscope-", ".idx");
                file.toFile().deleteOnExit();
                TypeColumn.fileBeside(file).toFile().deleteOnExit();
                EventIndex.build(data, file, size, stamp, name, options);
            } catch (InterruptedIOException cancelled) {
                throw cancelled;
            } catch (IOException aside) {
                if (!file.equals(inCache)) {
                    Files.deleteIfExists(file);
                    Files.deleteIfExists(TypeColumn.fileBeside(file));
                }
                throw CacheSpace.neitherWritable("indexing " + name, inCache.getParent(), e, aside);
            }
        }
        index = EventIndex.openIfCurrent(file, size, stamp);
        if (index == null) {
            throw new IOException("the index written to " + file + " cannot be read back");
        }
        return index;
    }

    /**
     * What identifies this state of the file: its modification time and a checksum of its first and
     * last 64 KB, so that a capture rewritten in place with the same size is not taken for the old one.
     */
    private static long stamp(Path path, long size, BasicFileAttributes attrs) throws IOException {
        CRC32 crc = new CRC32();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            ch.read(buf, 0);
            crc.update(buf.flip());
            if (size > 1 << 16) {
                buf.clear();
                ch.read(buf, Math.max(1 << 16, size - (1 << 16)));
                crc.update(buf.flip());
            }
        }
        long mtime = attrs.lastModifiedTime().toMillis() * 1_000_000L
                + attrs.lastModifiedTime().toInstant().getNano() % 1_000_000L;
        return mtime * 31 + crc.getValue();
    }

    /** Whether a file starts as a gzip stream does. */
    public static boolean isGzip(Path path) throws IOException {
        byte[] head = new byte[2];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 2);
        }
        return isGzip(head, n);
    }

    /** Whether the first {@code n} bytes of a file, {@code head}, start a gzip stream. */
    private static boolean isGzip(byte[] head, int n) {
        return n >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
    }

    /** Whether a file starts as a capture does: a section header block, or gzip. */
    public static boolean startsAsCapture(Path path) throws IOException {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, 4);
        }
        // the block type reads the same in either byte order
        return isGzip(head, n) || n == 4 && java.nio.ByteBuffer.wrap(head).getInt() == BlockType.SHB;
    }

    /** Inflates a gzip capture into the cache once; later opens of the unchanged file reuse the copy. */
    private static Path inflate(Path path, Path cache, String key, long size, long stamp, List<String> warnings,
                                OpenOptions options) throws IOException, ScapFormatException {
        Path dir = cache.resolve("inflated");
        Path target = dir.resolve(key + "-" + size + "-" + stamp + ".scap");
        Path marker = dir.resolve(key + "-" + size + "-" + stamp + ".short");
        if (Files.isRegularFile(target)) {
            if (Files.exists(marker)) {
                warnings.add(Files.readString(marker, StandardCharsets.UTF_8));
            }
            return target;
        }
        Path tmp;
        try {
            Files.createDirectories(dir);
            removeStaleCopies(dir, key);
            tmp = Files.createTempFile(dir, key, ".tmp");
        } catch (IOException e) {
            // the cache may be read-only or not a folder: inflate into a temporary folder for this run
            Path inCache = dir;
            try {
                dir = Files.createTempDirectory("scapscope-inflated");
                tmp = Files.createTempFile(dir, key, ".tmp");
            } catch (IOException aside) {
                throw CacheSpace.neitherWritable("inflating " + path.getFileName(), inCache, e, aside);
            }
            dir.toFile().deleteOnExit();
            target = dir.resolve(key + ".scap");
            marker = dir.resolve(key + ".short");
            target.toFile().deleteOnExit();
            marker.toFile().deleteOnExit();
        }
        String problem = null;
        try {
            try (GzipFile in = openGzip(path);
                 OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                long done = 0;
                int n;
                BlockTrail trail = new BlockTrail();
                try {
                    while ((n = in.read(buf)) > 0) {
                        if (done == 0) {
                            // what is not a capture is refused before it is inflated whole into the cache
                            n = startOfCapture(path, in, buf, n);
                        }
                        try {
                            out.write(buf, 0, n);
                        } catch (IOException full) {
                            throw new IOException("inflating " + path.getFileName() + " into " + dir + " failed after "
                                    + done + " bytes: " + CacheSpace.reason(full), full);
                        }
                        done += n;
                        options.reportProgress(Math.min(done, size), size);
                        if (options.isCancelled()) {
                            throw new InterruptedIOException("inflating " + path + " was cancelled");
                        }
                        if (trail.follow(buf, 0, n)) {
                            // the capture ends at a broken block: the reader reads nothing after it
                            break;
                        }
                    }
                } catch (EOFException | ZipException e) {
                    String what = e.getMessage() == null ? "it ends early" : e.getMessage();
                    if (done == 0) {
                        throw new ScapFormatException(path + " is gzip-compressed, but nothing could be inflated from it ("
                                + what + ")", 0);
                    }
                    problem = path + ": the gzip stream ends early or is damaged after " + done
                            + " inflated bytes (" + what + "); reading what was recovered";
                }
                long after = problem == null && trail.brokenAt() < 0 ? in.trailing() : 0;
                if (after > 0) {
                    problem = path + ": " + after + " bytes after the end of its gzip stream cannot be inflated"
                            + " (a damaged further part?); reading the " + done + " bytes inflated before them";
                }
            }
            if (problem != null) {
                Files.writeString(marker, problem, StandardCharsets.UTF_8);
                warnings.add(problem);
            }
            FileReplace.replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /**
     * A gzip file inflated, its parts one after another. A part whose header is damaged ends the
     * stream without a word, as gzip readers do; {@link #trailing} then tells what was left unread.
     */
    private static final class GzipFile extends GZIPInputStream {
        private static final int TRAILER = 8;
        private final InputStream raw;

        GzipFile(InputStream raw) throws IOException {
            super(raw, 1 << 16);
            this.raw = raw;
        }

        /**
         * Once the stream has ended: how many bytes of the file follow the end of its last whole part
         * (those the inflater was given past that part's trailer, and those it never read).
         */
        long trailing() throws IOException {
            return Math.max(0, inf.getRemaining() - TRAILER) + raw.available();
        }
    }

    /** Opens a gzip file; a header that is cut short or damaged is said of the file. */
    private static GzipFile openGzip(Path path) throws IOException, ScapFormatException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        try {
            return new GzipFile(raw);
        } catch (EOFException | ZipException e) {
            raw.close();
            throw new ScapFormatException(path + " is not a readable gzip file: its gzip header is "
                    + (e instanceof EOFException ? "cut short" : "damaged (" + e.getMessage() + ")"), 0);
        }
    }

    /**
     * Reads on until {@code buf} holds the first 4 inflated bytes (of {@code n} read so far) and checks
     * that they start a section header block; returns the bytes in {@code buf}.
     */
    private static int startOfCapture(Path path, InputStream in, byte[] buf, int n)
            throws IOException, ScapFormatException {
        while (n < 4) {
            int more = in.read(buf, n, buf.length - n);
            if (more < 0) {
                break;
            }
            n += more;
        }
        int type = n < 4 ? -1 : (buf[0] & 0xFF) | (buf[1] & 0xFF) << 8 | (buf[2] & 0xFF) << 16 | (buf[3] & 0xFF) << 24;
        if (type != BlockType.SHB) {
            throw new ScapFormatException(path + " is gzip-compressed, but what it holds is not a capture: it does not"
                    + " start with a section header block", 0);
        }
        return n;
    }

    private static void removeStaleCopies(Path dir, String key) {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, key + "-*")) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a stale copy only costs disk space
        }
    }

    private static String cacheKey(Path path) {
        return Digests.shortName(path.toAbsolutePath().normalize().toString(), 16);
    }

    public Path path() {
        return path;
    }

    /** Events in the capture, internal ones included. */
    public long eventCount() {
        return index.eventCount;
    }

    /** Events shown by default: without sysdig's internal events (process snapshots, container records, ...). */
    public long visibleEventCount() {
        return index.eventCount - index.hiddenCount;
    }

    public ScapEvent newEvent() {
        return new ScapEvent();
    }

    /** Binds {@code into} to event {@code eventIndex} (from 0) and returns it. */
    public ScapEvent read(long eventIndex, ScapEvent into) {
        if (eventIndex < 0 || eventIndex >= index.eventCount) {
            throw new IndexOutOfBoundsException("event " + eventIndex + " of " + index.eventCount);
        }
        long block = index.blockOffset(eventIndex, into.groupHint);
        into.bind(inputFor(eventIndex, into), block, eventIndex);
        return into;
    }

    /** Whether sysdig hides this event unless asked for internal events. */
    public static boolean isHidden(ScapEvent e) {
        return isHiddenType(e.type()) || (e.dumpFlags() & 1) != 0;
    }

    /** The event types sysdig always hides, looked up once: every event is asked. */
    private static final class HiddenTypes {
        static final boolean[] HIDDEN = new boolean[TypeColumn.GENERIC_KEYS];

        static {
            for (int type = 0; type < EventTypes.knownLimit(); type++) {
                EventInfo info = EventSchema.get().event(type);
                HIDDEN[type] = EventTypes.isContainerRecord(type) || (info != null && info.isInternal());
            }
        }

        static final KeySet VISIBLE = visible();

        private static KeySet visible() {
            KeySet s = KeySet.ofTypes(type -> !HIDDEN[type]);
            s.addRange(TypeColumn.GENERIC_KEYS, 1 << 16); // generic system calls are never hidden
            return s;
        }
    }

    /** The type keys of the events sysdig may show: every key but those of the types it always hides. */
    public static KeySet visibleKeys() {
        return HiddenTypes.VISIBLE.copy();
    }

    /**
     * Whether sysdig hides every event of this type (container records, internal events such as
     * process-info records); others are hidden one by one when written for their state alone.
     * Takes a type key ({@link TypeColumn#keyOf}) too: generic system calls are never hidden.
     */
    public static boolean isHiddenType(int type) {
        return type >= 0 && type < TypeColumn.GENERIC_KEYS && HiddenTypes.HIDDEN[type];
    }

    /**
     * Index of the first event whose time is at or after {@code ts}, or {@link #eventCount()} when none is.
     * Event times are not strictly ordered in a capture (metadata records carry the time they were
     * written), so "first" means first in file order.
     */
    public long firstEventAtOrAfter(long ts) {
        long[] max = index.checkpointMax;
        // max[k] is the largest time among the events up to the end of run k: non-decreasing, so the
        // first event at or after ts lies in the first run whose max reaches ts.
        int lo = 0;
        int hi = max.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (max[mid] < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == max.length) {
            return index.eventCount;
        }
        ScapEvent e = new ScapEvent();
        for (long i = index.checkpointStarts[lo]; i < index.eventCount; i++) {
            if (read(i, e).ts() >= ts) {
                return i;
            }
        }
        return index.eventCount;
    }

    /** Number of events of a type. */
    public long countOfType(int type) {
        return type >= 0 && type < index.typeCounts.length ? index.typeCounts[type] : 0;
    }

    public List<Section> sections() {
        return index.sections;
    }

    /** Index of the section holding an event. */
    public int sectionOf(long eventIndex) {
        long[] starts = sectionStarts;
        int lo = 0;
        int hi = starts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= eventIndex) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    public List<BlockRef> metadataBlocks() {
        return index.metadataBlocks;
    }

    /** User and group records, which sysdig does not number as events. */
    public int stateRecordCount() {
        return index.stateRecords.length / 2;
    }

    /** Binds {@code into} to state record {@code i}; its {@link ScapEvent#index()} is the event it precedes. */
    public ScapEvent readStateRecord(int i, ScapEvent into) {
        long block = index.stateRecords[2 * i];
        // the last section that starts before the record
        List<Section> sections = index.sections;
        int section = Math.max(0, firstWhere(0, sections.size(), k -> sections.get(k).offset() >= block) - 1);
        into.bind(input(section), block, index.stateRecords[2 * i + 1]);
        return into;
    }

    /**
     * The first of {@code [from, to)} at which {@code reached} holds, for a test that holds from
     * some point on ({@code to} when it never does): a binary search over anything in order.
     */
    private static int firstWhere(int from, int to, java.util.function.IntPredicate reached) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (reached.test(mid)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * The number of the first user or group record that precedes event {@code eventIndex} or a later
     * one ({@link #stateRecordCount} if none does): the records are in file order.
     */
    public int firstStateRecordAt(long eventIndex) {
        long[] records = index.stateRecords;
        return firstWhere(0, records.length / 2, k -> records[2 * k + 1] >= eventIndex);
    }

    /** The metadata blocks of one section (its process, descriptor, user and interface tables), in file order. */
    public List<BlockRef> metadataBlocks(int section) {
        List<BlockRef> all = index.metadataBlocks;
        int first = firstWhere(0, all.size(), k -> all.get(k).section() >= section);
        return all.subList(first, firstWhere(first, all.size(), k -> all.get(k).section() > section));
    }

    /** The capture bytes in the byte order of the section holding an event. */
    private MappedInput inputFor(long eventIndex, ScapEvent hint) {
        if (single != null) {
            return single;
        }
        List<Section> secs = index.sections;
        if (secs.size() <= 1) {
            return secs.isEmpty() || !secs.get(0).bigEndian() ? little : big;
        }
        int s = hint.sectionHint;
        if (s >= secs.size() || secs.get(s).firstEvent() > eventIndex
                || (s + 1 < secs.size() && secs.get(s + 1).firstEvent() <= eventIndex)) {
            s = sectionOf(eventIndex);
            hint.sectionHint = s;
        }
        return secs.get(s).bigEndian() ? big : little;
    }

    /** Time of the first event, -1 when the capture has none. */
    public long firstTs() {
        return index.firstTs;
    }

    public long lastTs() {
        return index.maxTs;
    }

    public List<String> warnings() {
        return warnings;
    }

    public boolean isTruncated() {
        return index.truncated;
    }

    /** The machine-info block of the first section, or null. */
    public MachineInfo machineInfo() {
        MachineInfo m = machine;
        if (m == null) {
            for (BlockRef b : index.metadataBlocks) {
                if (b.type() == BlockType.MI || b.type() == BlockType.MI_INT) {
                    m = MetadataReader.machineInfo(input(b.section()), b);
                    break;
                }
            }
            machine = m;
        }
        return m;
    }

    /** The capture bytes in a section's byte order. */
    MappedInput input(int section) {
        return index.sections.get(section).bigEndian() ? big : little;
    }

    /** A parser over one metadata block. */
    public MetadataReader metadata(BlockRef block) {
        return new MetadataReader(input(block.section()), block);
    }

    /**
     * Where a cache file of this capture with the given extension lives (beside its index), for data
     * derived from the capture such as state checkpoints.
     */
    public Path cacheFile(String extension) {
        return cacheDir.resolve("index").resolve(cacheKey + "." + extension);
    }

    /** Size of the capture file when it was opened. */
    public long fileSize() {
        return fileSize;
    }

    /** What identifies this state of the capture file (modification time and checksum). */
    public long stamp() {
        return stamp;
    }

    /** Copies {@code length} bytes of the capture at {@code offset} to {@code out}. */
    public void copyBytes(long offset, long length, OutputStream out) throws IOException {
        byte[] buf = new byte[(int) Math.min(1 << 16, Math.max(length, 1))];
        long done = 0;
        while (done < length) {
            int n = (int) Math.min(buf.length, length - done);
            little.read(offset + done, buf, 0, n);
            out.write(buf, 0, n);
            done += n;
        }
    }

    /** The capture's description, its warnings with what is wrong in its tables ({@link #tableProblems}). */
    public CaptureInfo info() {
        List<String> all = new ArrayList<>(warnings);
        all.addAll(tableProblems());
        return new CaptureInfo(path, fileSize, compressed, little.length(), index.sections, machineInfo(),
                index.firstTs, index.maxTs, index.eventCount, visibleEventCount(), stateRecordCount(),
                index.blockCounts, List.copyOf(all));
    }

    /**
     * What stops the process, descriptor, interface and user tables from being read whole: an entry
     * whose length runs past its block, say. The state then holds the entries before it only, so
     * processes may show no name or user; read when asked (the description of the capture).
     */
    public List<String> tableProblems() {
        List<String> out = new ArrayList<>();
        for (BlockRef b : index.metadataBlocks) {
            MetadataReader r = metadata(b);
            int t = b.type();
            if (BlockType.processListVersion(t) > 0) {
                r.threads();
            } else if (BlockType.isFdList(t)) {
                r.fds();
            } else if (BlockType.isInterfaceList(t)) {
                r.interfaces();
            } else if (BlockType.isUserList(t)) {
                r.users();
            }
            if (r.problem() != null) {
                out.add(path + ": " + r.problem() + "; the entries after it are not known");
            }
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            index.close();
        } finally {
            if (mapped != null) {
                mapped.open = false;
            }
            dataChannel.close();
        }
    }

    /**
     * What to say when reading a capture failed because its file was cut short after it was mapped
     * (rewritten in place, say, by a writer started again on the same name): the JVM then reports a
     * fault in a memory access rather than an end of file. Names the capture that is now shorter
     * than when it was opened; null when {@code failure} (or what caused it) is no such fault.
     */
    public static String cutShortWhileRead(Throwable failure) {
        Throwable fault = failure;
        while (fault != null && !(fault instanceof InternalError
                && String.valueOf(fault.getMessage()).contains("unsafe memory access"))) {
            fault = fault.getCause();
        }
        if (fault == null) {
            return null;
        }
        // the captures still open first: the work that failed may have closed its own already
        List<Mapped> recent = new ArrayList<>(MAPPED);
        recent.sort(java.util.Comparator.comparing(m -> !m.open));
        for (Mapped m : recent) {
            long now;
            try {
                now = Files.size(m.file);
            } catch (IOException gone) {
                continue;
            }
            if (now < m.length) {
                return (m.file.equals(m.capture) ? m.capture : "the copy of " + m.capture + " inflated in the cache")
                        + String.format(java.util.Locale.ROOT, " was cut short while it was being read: it is %,d bytes now"
                                + " and was %,d when it was opened (was it written again?)", now, m.length);
            }
        }
        return "a file read through its memory mapping could no longer be read; was it cut short or removed"
                + " while it was read? (" + fault.getMessage() + ")";
    }
}
