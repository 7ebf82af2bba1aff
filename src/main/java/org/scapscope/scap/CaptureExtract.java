package org.scapscope.scap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes chosen events of a capture as a new capture. Each section's header and metadata blocks
 * (machine, processes, fds, interfaces, users) and its user/group records are copied before its
 * first chosen event, so the new capture describes the same machine. Blocks are copied byte for
 * byte, in their own byte order. A target whose name ends with {@code .gz} is written gzip-compressed.
 *
 * <p>The output is written beside the target and moved into place by {@link #commit()}: until then
 * an existing file at the target is left untouched, and an abandoned extract leaves nothing behind.
 */
public final class CaptureExtract implements AutoCloseable {
    private final ScapFile source;
    private final Path target;
    private final Path tmp;
    private final OutputStream out;
    private final ScapEvent record = new ScapEvent();
    private int section = -1;
    private int nextStateRecord;
    private long written;
    private long stateOnly;
    private boolean committed;

    public CaptureExtract(ScapFile source, Path target) throws IOException {
        this.source = source;
        // a link is written through: the file it names is replaced (or made), the link stays
        Path named = target.toAbsolutePath();
        this.target = FileReplace.throughLinks(named);
        Path dir = this.target.getParent();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "the folder to write " + this.target.getFileName()
                    + " in does not exist");
        }
        if (Files.isDirectory(this.target)) {
            throw new FileSystemException(named.toString(), null, "is a directory, not a capture file");
        }
        // the capture being read is never replaced by a selection of itself, under any of its names
        if (isTheCaptureRead(source, this.target)) {
            throw new FileSystemException(named.toString(), null,
                    "is the capture the events are read from: write them to another file");
        }
        // a device or a pipe is not replaced by a file: the capture is put in place of the old file whole
        if (Files.exists(this.target) && !Files.isRegularFile(this.target)) {
            throw new FileSystemException(named.toString(), null,
                    "is not a regular file (a device, a pipe or a socket): give the path of a capture file to write");
        }
        try {
            this.tmp = Files.createTempFile(dir, "." + this.target.getFileName(), ".part");
        } catch (FileSystemException e) {
            // refused, read-only, full: said of the file the user named, not of the hidden one beside it
            throw new FileSystemException(named.toString(), null, "cannot be written in " + dir + " ("
                    + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getReason()) + ")");
        }
        OutputStream file = Files.newOutputStream(tmp);
        try {
            // a name given that says gzip gets gzip, as sysdig and every other tool reading it will expect
            this.out = isGzipName(named) ? new BufferedOutputStream(new GZIPOutputStream(file, 1 << 16), 1 << 16)
                    : new BufferedOutputStream(file, 1 << 16);
        } catch (IOException | RuntimeException e) {
            file.close();
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * Whether {@code file} is the capture {@code source} reads, by any name: a link, a hard link, a
     * relative path.
     */
    public static boolean isTheCaptureRead(ScapFile source, Path file) throws IOException {
        return Files.exists(file) && Files.exists(source.path()) && Files.isSameFile(source.path(), file);
    }

    /** Whether a file's name asks for gzip: it ends with {@code .gz}, in any case. */
    public static boolean isGzipName(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz");
    }

    /** Whether an event can change the machine state: create, end or change processes or descriptors. */
    public static boolean changesState(ScapEvent e) {
        int flags = SysdigTable.get().flags(e.type());
        return (flags & (EventInfo.EF_CREATES_FD | EventInfo.EF_DESTROYS_FD | EventInfo.EF_MODIFIES_STATE)) != 0;
    }

    /** Appends an event (events must come in file order). */
    public void add(ScapEvent e) throws IOException {
        int s = source.sectionOf(e.index());
        while (section < s) {
            startSection(section + 1);
        }
        copyStateRecordsBefore(e.index() + 1);
        source.copyBytes(e.blockOffset(), e.blockLength(), out);
        written++;
    }

    /**
     * Appends an event marked "state only": readers apply what it tells about the machine (a process
     * started, a file opened) but do not show it, so the events around it keep their processes and
     * files. The block is rewritten as the flagged variant of its type.
     */
    public void addStateOnly(ScapEvent e) throws IOException {
        int s = source.sectionOf(e.index());
        while (section < s) {
            startSection(section + 1);
        }
        copyStateRecordsBefore(e.index() + 1);
        byte[] block = new byte[(int) e.blockLength()];
        source.input(s).read(e.blockOffset(), block, 0, block.length);
        java.nio.ByteOrder order = source.sections().get(s).bigEndian() ? java.nio.ByteOrder.BIG_ENDIAN
                : java.nio.ByteOrder.LITTLE_ENDIAN;
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(block).order(order);
        int type = in.getInt(0);
        boolean flagged = BlockType.hasDumpFlags(type);
        int flags = (flagged ? in.getInt(10) : 0) | STATE_ONLY;
        int eventStart = 10 + (flagged ? 4 : 0);
        int eventLength = in.getInt(eventStart + 16);
        if (eventLength < 0 || eventStart + eventLength > block.length) {
            throw new IOException("event " + e.index() + " of " + source.path() + " is longer than its block");
        }
        int body = 2 + 4 + eventLength;
        int total = 8 + ((body + 3) & ~3) + 4;
        java.nio.ByteBuffer outBlock = java.nio.ByteBuffer.allocate(total).order(order);
        outBlock.putInt(flaggedType(type)).putInt(total).putShort(in.getShort(8)).putInt(flags);
        outBlock.put(block, eventStart, eventLength);
        outBlock.putInt(total - 4, total);
        out.write(outBlock.array());
        written++;
        stateOnly++;
    }

    /** The dump flag of events that only carry state. */
    private static final int STATE_ONLY = 1;

    private static int flaggedType(int type) {
        switch (type) {
            case BlockType.EV: case BlockType.EV_INT: case BlockType.EVF:
                return BlockType.EVF;
            case BlockType.EV_V2: case BlockType.EVF_V2:
                return BlockType.EVF_V2;
            case BlockType.EV_V2_LARGE: case BlockType.EVF_V2_LARGE:
                return BlockType.EVF_V2_LARGE;
            default:
                throw new IllegalArgumentException(BlockType.describe(type) + " is not an event block");
        }
    }

    /** Events written so far, state-only ones included. */
    public long eventsWritten() {
        return written;
    }

    /** Events written so far as state only. */
    public long stateOnlyWritten() {
        return stateOnly;
    }

    private void startSection(int s) throws IOException {
        section = s;
        Section sec = source.sections().get(s);
        MappedInput in = source.input(s);
        source.copyBytes(sec.offset(), in.getUnsignedInt(sec.offset() + 4), out);
        for (BlockRef b : source.metadataBlocks()) {
            if (b.section() == s) {
                source.copyBytes(b.offset(), b.length(), out);
            }
        }
    }

    private void copyStateRecordsBefore(long eventIndexLimit) throws IOException {
        while (nextStateRecord < source.stateRecordCount()) {
            source.readStateRecord(nextStateRecord, record);
            if (record.index() >= eventIndexLimit || source.sectionOf(record.index()) != section) {
                if (source.sectionOf(record.index()) < section) {
                    nextStateRecord++;
                    continue;
                }
                return;
            }
            source.copyBytes(record.blockOffset(), record.blockLength(), out);
            nextStateRecord++;
        }
    }

    /** Finishes the capture and moves it into place, replacing any file there. */
    public void commit() throws IOException {
        if (source.sections().isEmpty()) {
            // nothing readable to write: an empty file must not take the place of whatever is there
            throw new java.io.EOFException(source.path() + " holds no whole section header, so there is no capture to"
                    + " write; " + target + " is left as it was");
        }
        if (section < 0) {
            startSection(0);
        }
        out.close();
        FileReplace.replaceKeepingMode(tmp, target);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
