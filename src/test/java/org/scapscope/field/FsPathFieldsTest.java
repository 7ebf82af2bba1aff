package org.scapscope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.OpenOptions;
import org.scapscope.scap.ScapEvent;
import org.scapscope.scap.ScapFile;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;

/**
 * The fs.path fields on the calls libsinsp's fspath check knows: one path or a source and a target,
 * raw or resolved against the working directory (/home/u) or a directory descriptor (5, /var/log).
 */
class FsPathFieldsTest {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long SHELL = 100;
    private static final long O_DIRECTORY = 1 << 10;
    private static final long AT_FDCWD = -100;

    @TempDir
    Path tmp;

    private interface Events {
        void write(ScapWriter w) throws IOException;
    }

    /** The fs.path fields of every event, after a shell in /home/u with fd 3 on /etc/hosts. */
    private List<String> lines(Events events) throws Exception {
        Path file = Files.createTempFile(tmp, "fs", ".scap");
        ThreadRecord shell = new ThreadRecord(SHELL, SHELL, 1, 1, 1, "bash", "/bin/bash", "/bin/bash", List.of(),
                "/home/u", 1024, 0, 1000, 1000, 0, 0, 0, 0, 0, List.of(), SHELL, SHELL, List.of(), "/", 0, 0, 1000,
                false, 0, 0, 0, false, 0, 0, 0, false, false, -1);
        try (ScapWriter w = new ScapWriter(Files.newOutputStream(file))) {
            w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                    .machineInfo(new MachineInfo(1, 1L << 30, 0, "box", 0))
                    .processList(9, List.of(shell))
                    .fdList(true, SHELL, List.of(new FdRecord(SHELL, 3, 9, FdRecord.FILE_V2, "/etc/hosts", 0, 0,
                            null, null, 0, 0, 0, 0, 0)));
            events.write(w);
        }
        List<String> lines = new ArrayList<>();
        try (ScapFile f = ScapFile.open(file, OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            FieldContext ctx = new FieldContext(f);
            OutputFormat format = OutputFormat.parse("*%evt.type %fs.path.name %fs.path.nameraw | %fs.path.source "
                    + "%fs.path.sourceraw | %fs.path.target %fs.path.targetraw");
            ScapEvent e = f.newEvent();
            for (long i = 0; i < f.eventCount(); i++) {
                ctx.advance(f.read(i, e));
                lines.add(format.render(ctx));
            }
        }
        return lines;
    }

    @Test
    void pathsOfSuccessfulFileSystemCalls() throws Exception {
        List<String> lines = lines(w -> {
            long t = T0;
            w.event(0, t++, SHELL, 3, 5L, "/var/log", O_DIRECTORY, 0L, 0L, 0L);                  // open
            w.event(0, t++, SHELL, 277, 0L, "build/../out", 0755L);                             // mkdir
            w.event(0, t++, SHELL, 305, 0L, 5L, "app", 0755L);                                  // mkdirat
            w.event(0, t++, SHELL, 305, 0L, AT_FDCWD, "x", 0755L);                              // mkdirat
            w.event(0, t++, SHELL, 301, -2L, "gone");                                           // unlink, failed
            w.event(0, t++, SHELL, 319, 0L, 5L, "a.log", AT_FDCWD, "b.log", 0L);                // renameat2
            w.event(0, t++, SHELL, 181, 0L, "target/file", 5L, "lnk");                          // symlinkat
            w.event(0, t++, SHELL, 309, 0L, "/etc/hosts", "hosts2");                            // link
            w.event(0, t++, SHELL, 317, 0L, 3L, 0644L);                                         // fchmod
            w.event(0, t++, SHELL, 3, -2L, "/nope//x/..", 0L, 0L, 0L, 0L);                      // open, failed
            w.event(0, t++, SHELL, 257, 0L, "/dev/sda1", "mnt/data", "ext4", 0L);               // mount
        });
        assertEquals(List.of(
                "open /var/log /var/log | <NA> <NA> | <NA> <NA>",
                "mkdir /home/u/out build/../out | <NA> <NA> | <NA> <NA>",
                "mkdirat /var/log/app app | <NA> <NA> | <NA> <NA>",
                // a directory descriptor that is not one gives libsinsp's <UNKNOWN>, joined without a slash
                "mkdirat <UNKNOWN>x x | <NA> <NA> | <NA> <NA>",
                "unlink <NA> <NA> | <NA> <NA> | <NA> <NA>",
                "renameat2 <NA> <NA> | /var/log/a.log a.log | /home/u/b.log b.log",
                "symlinkat <NA> <NA> | /var/log/lnk lnk | <UNKNOWN>target/file target/file",
                // a link's source is the new name
                "link <NA> <NA> | /home/u/hosts2 hosts2 | /etc/hosts /etc/hosts",
                "fchmod /etc/hosts /etc/hosts | <NA> <NA> | <NA> <NA>",
                // an open is judged by its fd against -1 only, so a failed one still has its path
                "open /nope /nope//x/.. | <NA> <NA> | <NA> <NA>",
                "mount <NA> <NA> | /dev/sda1 /dev/sda1 | /home/u/mnt/data mnt/data"), lines);
    }

    /** Relative paths against a deep directory descriptor, and names that need cleaning, as in the libs tests. */
    @Test
    void relativePathsResolveAgainstTheDirectoryDescriptor() throws Exception {
        String dir = "/tmp/dirfd1/dirfd2/dirfd3/dirfd4/dirfd5/dirfd6/dirfd7/dirfd8";
        List<String> lines = lines(w -> {
            long t = T0;
            w.event(0, t++, SHELL, 3, 5L, dir, O_DIRECTORY, 0L, 0L, 0L);                               // open
            w.event(0, t++, SHELL, 303, 0L, 5L, "tmp/random/dir...///../../name.txt", 0L);             // unlinkat
            w.event(0, t++, SHELL, 313, 0L, 5L, "../\\.../../tmp/filename_complex", 0L);                // fchmodat
            w.event(0, t++, SHELL, 313, 0L, 5L, "nopath", 0L);                                         // fchmodat
            w.event(0, t++, SHELL, 315, 0L, "/tmp/random/dir.../..//../filename.txt", 0L);             // chmod
            w.event(0, t++, SHELL, 305, -1L, 5L, "x", 0L);                                             // mkdirat, failed
            w.event(0, t++, SHELL, 319, 0L, 5L, "tmp/oldpath", 5L, "tmp/newpath", 0L);                 // renameat2
            w.event(0, t++, SHELL, 311, 0L, 5L, "tmp/oldpath", 5L, "tmp/newpath", 0L);                 // linkat
        });
        assertEquals(List.of(
                "open " + dir + " " + dir + " | <NA> <NA> | <NA> <NA>",
                "unlinkat " + dir + "/tmp/name.txt tmp/random/dir...///../../name.txt | <NA> <NA> | <NA> <NA>",
                "fchmodat /tmp/dirfd1/dirfd2/dirfd3/dirfd4/dirfd5/dirfd6/dirfd7/tmp/filename_complex "
                        + "../\\.../../tmp/filename_complex | <NA> <NA> | <NA> <NA>",
                "fchmodat " + dir + "/nopath nopath | <NA> <NA> | <NA> <NA>",
                "chmod /tmp/filename.txt /tmp/random/dir.../..//../filename.txt | <NA> <NA> | <NA> <NA>",
                "mkdirat <NA> <NA> | <NA> <NA> | <NA> <NA>",
                "renameat2 <NA> <NA> | " + dir + "/tmp/oldpath tmp/oldpath | " + dir + "/tmp/newpath tmp/newpath",
                // linkat resolves against the working directory, not its directory descriptors, as libsinsp does
                "linkat <NA> <NA> | /home/u/tmp/newpath tmp/newpath | /home/u/tmp/oldpath tmp/oldpath"), lines);
    }
}
