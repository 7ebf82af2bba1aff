package org.scapscope.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where S3 keys come from, and how saved stores keep their secrets. */
class CredentialsTest {
    @TempDir
    Path home;

    private void credentialsFile(String text) throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws").resolve("credentials"), text);
    }

    @Test
    void savedKeysWinThenTheEnvironmentThenTheProfile() throws IOException {
        credentialsFile("[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n"
                + "[profile work]\naws_access_key_id=WORKKEY\naws_secret_access_key=worksecret\naws_session_token=tok\n");
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "ENVKEY", "AWS_SECRET_ACCESS_KEY", "envsecret");
        S3Credentials saved = S3Credentials.resolve("SAVEDKEY", "savedsecret", null, env, home);
        assertEquals("SAVEDKEY", saved.accessKey());
        assertEquals("the store's settings", saved.source());
        S3Credentials fromEnv = S3Credentials.resolve(null, null, null, env, home);
        assertEquals("ENVKEY", fromEnv.accessKey());
        assertEquals("envsecret", fromEnv.secretKey());
        S3Credentials fromFile = S3Credentials.resolve(null, null, null, Map.of(), home);
        assertEquals("FILEKEY", fromFile.accessKey());
        assertTrue(fromFile.source().contains("profile default"));
        S3Credentials work = S3Credentials.resolve(null, null, "work", env, home);
        assertEquals("WORKKEY", work.accessKey());
        assertEquals("tok", work.sessionToken());
        S3Credentials byVar = S3Credentials.resolve(null, null, null, Map.of("AWS_PROFILE", "work"), home);
        assertEquals("WORKKEY", byVar.accessKey());
    }

    @Test
    void missingOrHalfCredentialsAreExplained() throws IOException {
        StoreException none = assertThrows(StoreException.class, () -> S3Credentials.resolve(null, null, null, Map.of(), home));
        assertTrue(none.getMessage().contains("no S3 credentials") && none.getMessage().contains("AWS_ACCESS_KEY_ID"),
                none.getMessage());
        StoreException half = assertThrows(StoreException.class,
                () -> S3Credentials.resolve(null, null, null, Map.of("AWS_ACCESS_KEY_ID", "K"), home));
        assertTrue(half.getMessage().contains("AWS_SECRET_ACCESS_KEY is not"), half.getMessage());
        credentialsFile("[default]\naws_access_key_id = K\n");
        StoreException lacking = assertThrows(StoreException.class, () -> S3Credentials.resolve(null, null, null, Map.of(), home));
        assertTrue(lacking.getMessage().contains("lacks"), lacking.getMessage());
        StoreException absent = assertThrows(StoreException.class, () -> S3Credentials.resolve(null, null, "nope", Map.of(), home));
        assertTrue(absent.getMessage().contains("there is no profile nope"), absent.getMessage());
    }

    @Test
    void secretsAreNeverInTextsMadeForPeople() {
        S3Credentials c = new S3Credentials("AKIAEXAMPLE", "very-secret-value", "session-secret", "the test");
        S3Settings s = new S3Settings(URI.create("https://s3.example.com"), "eu-west-1", "captures", "team", true, c);
        for (String text : new String[] {c.toString(), s.toString(), s.describe()}) {
            assertFalse(text.contains("very-secret-value") || text.contains("session-secret"), text);
        }
        assertTrue(s.toString().contains("AKIAEXAMPLE"));
    }

    @Test
    void savedStoresKeepSecretsInAFileOnlyTheUserCanRead() throws IOException {
        SavedStores saved = new SavedStores(home.resolve("config"));
        saved.save(SavedStore.s3("team", "https://s3.example.com", "eu-west-1", "captures", "incidents", false,
                "AKIAEXAMPLE", null), "very-secret-value");
        saved.save(SavedStore.local("usb", "/media/usb/captures"), null);
        assertEquals(2, saved.all().size());
        assertEquals("very-secret-value", saved.secret("team"));
        assertNull(saved.secret("usb"));
        String settings = Files.readString(saved.settingsFile());
        assertTrue(settings.contains("AKIAEXAMPLE") && !settings.contains("very-secret-value"), settings);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved.secretsFile())));
        }
        saved.save(SavedStore.s3("team", "https://s3.example.com", "eu-west-1", "captures", "other", false,
                "AKIAEXAMPLE", null), null);
        assertEquals("other", saved.find("team").prefix());
        assertEquals("very-secret-value", saved.secret("team"), "a secret not given again is kept");
        saved.remove("team");
        assertNull(saved.find("team"));
        assertNull(saved.secret("team"));
        assertFalse(Files.readString(saved.secretsFile()).contains("very-secret-value"));
        try (var files = Files.list(home.resolve("config"))) {
            assertEquals(2, files.count(), "no temporary files are left");
        }
    }

    @Test
    void aSavedStoreOpensByName() throws IOException {
        Path config = home.resolve("config");
        Map<String, String> env = Map.of("XDG_CONFIG_HOME", config.toString(), "XDG_DATA_HOME", home.resolve("data").toString());
        StoreLocator locator = new StoreLocator(env, home);
        locator.saved().save(SavedStore.local("usb", home.resolve("usb").toString()), null);
        StoreOptions options = StoreOptions.defaults(home.resolve("cache"));
        // read without making it, a saved folder that is not there (a disk not mounted) is refused
        StoreInputException gone = org.junit.jupiter.api.Assertions.assertThrows(StoreInputException.class,
                () -> locator.open("usb", StoreLocator.Connection.DEFAULT, options, false));
        org.junit.jupiter.api.Assertions.assertTrue(gone.getMessage().contains(home.resolve("usb") + " of the saved store usb"),
                gone.getMessage());
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(home.resolve("usb")));
        try (CaptureStore usb = locator.open("usb", StoreLocator.Connection.DEFAULT, options)) {
            assertEquals(home.resolve("usb").toString(), usb.describe());
        }
        try (CaptureStore library = locator.open(null, StoreLocator.Connection.DEFAULT, options)) {
            assertEquals(home.resolve("data").resolve("scapscope").resolve("library").toString(), library.describe());
        }
    }
}
