package org.scapscope.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongConsumer;

/** Objects as files of a folder: the local library. Writes go to a temporary file renamed into place. */
final class FolderObjects implements ObjectStore {
    private final Path root;

    FolderObjects(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    /** The file of a key; a key that would leave the folder is refused. */
    Path file(String key) throws StoreException {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new StoreException("the object key '" + key + "' points outside the store " + root);
        }
        return p;
    }

    @Override
    public List<ObjectInfo> list(String prefix) throws IOException {
        Path dir = prefix.isEmpty() ? root : file(prefix);
        List<ObjectInfo> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir) || !dir.equals(root) && Files.isDirectory(root)) {
                return out; // an empty prefix, as in a bucket
            }
            throw new StoreException("the store folder " + root + " does not exist");
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (leftBehind(p)) {
                    continue;
                }
                ObjectInfo o;
                try {
                    o = info(Keys.key(prefix, p.getFileName().toString()), p);
                } catch (NoSuchFileException gone) {
                    continue; // deleted while listing
                }
                if (o != null) {
                    out.add(o);
                }
            }
        } catch (AccessDeniedException e) {
            throw new StoreException("the store folder " + dir + " cannot be read: permission denied", e);
        }
        return out;
    }

    /** The temporary files of {@link #writeAtomically}: a dot, the object's name, a hex stamp, {@code .tmp}. */
    private static final java.util.regex.Pattern TEMPORARY = java.util.regex.Pattern.compile("\\..+\\.[0-9a-f]+\\.tmp");

    /** A new temporary file's name for {@code target}, of the form {@link #TEMPORARY} matches. */
    private static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
    }

    /**
     * Whether a file is a write of this store's that a program ended before it was put in place, a
     * day old or more: it is removed (not listed in any case). A younger one may still be written.
     */
    private static boolean leftBehind(Path p) {
        if (!TEMPORARY.matcher(p.getFileName().toString()).matches()) {
            return false;
        }
        try {
            java.time.Instant written = Files.getLastModifiedTime(p, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant();
            if (written.plus(java.time.Duration.ofDays(1)).isBefore(java.time.Instant.now())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // gone meanwhile, or not ours to remove: left as it is
        }
        return true;
    }

    @Override
    public ObjectInfo stat(String key) throws IOException {
        Path p = file(key);
        try {
            return info(key, p);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * A regular file as an object, or null. It is stored since it was written or came into the
     * folder, whichever is later: a capture copied in with its old time kept ({@code cp -p},
     * {@code rsync -a}, an archive unpacked) is as new to the library as its arrival, and retention
     * counts from there.
     */
    private static ObjectInfo info(String key, Path p) throws IOException {
        java.util.Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:isRegularFile,size,lastModifiedTime,ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class);
            return b.isRegularFile() ? new ObjectInfo(key, b.size(), b.lastModifiedTime().toInstant(), null) : null;
        }
        if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
            return null;
        }
        java.time.Instant written = ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toInstant();
        java.time.Instant arrived = ((java.nio.file.attribute.FileTime) a.get("ctime")).toInstant();
        // its version stays its time of writing: what is kept of a file (checks, facts read) stays with it
        return new ObjectInfo(key, (Long) a.get("size"), written, null, arrived.isAfter(written) ? arrived : written);
    }

    @Override
    public InputStream read(String key, long offset) throws IOException {
        Path p = file(key);
        try {
            FileChannel ch = FileChannel.open(p, StandardOpenOption.READ);
            ch.position(offset);
            return Channels.newInputStream(ch);
        } catch (NoSuchFileException e) {
            throw new StoreException("there is no object " + key + " in the store " + root, e);
        }
    }

    @Override
    public byte[] readAll(String key) throws IOException {
        try {
            return Files.readAllBytes(file(key));
        } catch (NoSuchFileException e) {
            throw new StoreException("there is no object " + key + " in the store " + root, e);
        }
    }

    @Override
    public byte[] readBeforeListing(String key, long maxBytes) throws IOException {
        ObjectInfo o = stat(key);
        if (o == null || o.size() > maxBytes) {
            return null;
        }
        try {
            return Files.readAllBytes(file(key));
        } catch (NoSuchFileException | AccessDeniedException e) {
            return null;
        }
    }

    @Override
    public void write(String key, Path source, LongConsumer sent) throws IOException {
        Path target = file(key);
        try (InputStream in = Files.newInputStream(source)) {
            writeAtomically(key, target, out -> {
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    total += n;
                    if (sent != null) {
                        sent.accept(total);
                    }
                }
            });
        }
    }

    @Override
    public void write(String key, byte[] data) throws IOException {
        writeAtomically(key, file(key), out -> out.write(data));
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private void writeAtomically(String key, Path target, Body body) throws IOException {
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            // a new file with the user's usual permissions, as the file it becomes should have
            tmp = temporaryFor(target);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.writeTo(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new StoreException("cannot write " + key + " to the store " + root + ": " + Messages.of(e), e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        for (String key : keys) {
            try {
                Files.deleteIfExists(file(key));
            } catch (IOException e) {
                throw new StoreException("cannot delete " + key + " from the store " + root + ": " + Messages.of(e), e);
            }
        }
    }

    @Override
    public void close() {
    }
}
