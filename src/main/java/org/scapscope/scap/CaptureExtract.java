package org.scapscope.scap;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writes chosen events of a capture as a new capture. Each section's header and metadata blocks
 * (machine, processes, fds, interfaces, users) and its user/group records are copied before its
 * first chosen event, so the new capture describes the same machine. Blocks are copied byte for
 * byte, in their own byte order.
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
    private boolean committed;

    public CaptureExtract(ScapFile source, Path target) throws IOException {
        this.source = source;
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "the folder to write " + this.target.getFileName()
                    + " in does not exist");
        }
        if (Files.isDirectory(this.target)) {
            throw new FileSystemException(this.target.toString(), null, "is a directory, not a capture file");
        }
        this.tmp = Files.createTempFile(dir, "." + this.target.getFileName(), ".part");
        this.out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
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

    /** Events written so far. */
    public long eventsWritten() {
        return written;
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
        if (section < 0 && !source.sections().isEmpty()) {
            startSection(0);
        }
        out.close();
        FileReplace.replace(tmp, target);
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
