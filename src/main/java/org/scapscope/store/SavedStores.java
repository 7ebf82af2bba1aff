package org.scapscope.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stores a user added, kept in the settings folder: {@code stores.json} for the settings, and
 * {@code secrets.json} for the secret keys, readable and writable by the user alone. Both are
 * replaced atomically, so a crash never leaves half a file.
 */
public final class SavedStores {
    private final Path folder;

    public SavedStores(Path configFolder) {
        this.folder = configFolder;
    }

    public Path settingsFile() {
        return folder.resolve("stores.json");
    }

    public Path secretsFile() {
        return folder.resolve("secrets.json");
    }

    /** The saved stores, in the order they were added; none when nothing was saved. */
    public List<SavedStore> all() throws StoreException {
        Path f = settingsFile();
        if (!Files.isRegularFile(f)) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(MetadataJson.MAPPER.readValue(Files.readAllBytes(f), new TypeReference<List<SavedStore>>() { }));
        } catch (IOException e) {
            throw new StoreException("the store settings " + f + " cannot be read: " + Messages.of(e), e);
        }
    }

    /** The saved store of this name, or null. */
    public SavedStore find(String name) throws StoreException {
        for (SavedStore s : all()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Adds or replaces a store; its secret is saved when given, and dropped when {@code secret} is empty. */
    public void save(SavedStore store, String secret) throws StoreException {
        if (store.name() == null || store.name().isBlank()) {
            throw new StoreException("a saved store needs a name");
        }
        List<SavedStore> stores = all();
        boolean replaced = false;
        for (int i = 0; i < stores.size(); i++) {
            if (stores.get(i).name().equals(store.name())) {
                stores.set(i, store);
                replaced = true;
            }
        }
        if (!replaced) {
            stores.add(store);
        }
        Map<String, String> secrets = secrets();
        if (secret != null) {
            if (secret.isEmpty()) {
                secrets.remove(store.name());
            } else {
                secrets.put(store.name(), secret);
            }
        }
        write(settingsFile(), stores, false);
        write(secretsFile(), secrets, true);
    }

    /** Removes a store and its secret. */
    public void remove(String name) throws StoreException {
        List<SavedStore> stores = all();
        stores.removeIf(s -> s.name().equals(name));
        Map<String, String> secrets = secrets();
        secrets.remove(name);
        write(settingsFile(), stores, false);
        write(secretsFile(), secrets, true);
    }

    /** The saved secret key of a store, or null. */
    public String secret(String name) throws StoreException {
        return secrets().get(name);
    }

    private Map<String, String> secrets() throws StoreException {
        Path f = secretsFile();
        if (!Files.isRegularFile(f)) {
            return new LinkedHashMap<>();
        }
        try {
            return MetadataJson.MAPPER.readValue(Files.readAllBytes(f), new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (IOException e) {
            throw new StoreException("the saved secrets " + f + " cannot be read: " + Messages.of(e), e);
        }
    }

    private void write(Path target, Object value, boolean secret) throws StoreException {
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            tmp = posix
                    ? Files.createTempFile(folder, "." + target.getFileName(), ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")))
                    : Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
            Files.write(tmp, MetadataJson.MAPPER.writeValueAsBytes(value));
            if (posix) {
                // the permissions are set again, as the umask may have narrowed them at creation
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new StoreException("cannot save " + target + ": " + Messages.of(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temporary file is all that is left
                }
            }
        }
    }
}
