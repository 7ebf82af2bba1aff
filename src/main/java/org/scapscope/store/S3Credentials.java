package org.scapscope.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The keys that sign requests to an S3 store, and where they came from. The secret is never part
 * of {@link #toString()}.
 *
 * @param accessKey the access key id
 * @param secretKey the secret access key
 * @param sessionToken the session token of temporary credentials, or null
 * @param source where they were found, for messages: {@code the environment}, {@code profile work of ~/.aws/credentials}
 */
public record S3Credentials(String accessKey, String secretKey, String sessionToken, String source) {
    public static final String ACCESS_KEY_VAR = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_KEY_VAR = "AWS_SECRET_ACCESS_KEY";

    /** Keys as read, less the blanks around them: a file written on Windows ends its lines with a carriage return. */
    public S3Credentials {
        accessKey = accessKey == null ? null : accessKey.strip();
        secretKey = secretKey == null ? null : secretKey.strip();
        sessionToken = sessionToken == null || sessionToken.isBlank() ? null : sessionToken.strip();
    }

    @Override
    public String toString() {
        return "access key " + accessKey + " from " + source;
    }

    /** A message with the secret key and session token, should a library have put them in it, masked. */
    public String masked(String message) {
        String m = message;
        for (String secret : new String[] {secretKey, sessionToken}) {
            if (m != null && secret != null && secret.length() >= 8) {
                m = m.replace(secret, "(hidden)");
            }
        }
        return m;
    }

    /**
     * Finds credentials, first found wins: the keys given ({@code accessKey} and {@code secretKey},
     * from the store's saved settings), then {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}
     * in the environment, then a profile ({@code profile}, else {@code AWS_PROFILE}, else
     * {@code default}) of the AWS credentials file ({@code AWS_SHARED_CREDENTIALS_FILE}, else
     * {@code ~/.aws/credentials}).
     */
    public static S3Credentials resolve(String accessKey, String secretKey, String profile, Map<String, String> env,
            Path home) throws StoreException {
        if (accessKey != null && !accessKey.isEmpty()) {
            if (secretKey == null || secretKey.isEmpty()) {
                throw new StoreException("the access key " + accessKey + " was given without its secret key");
            }
            return new S3Credentials(accessKey, secretKey, null, "the store's settings");
        }
        String envAccess = env.get(ACCESS_KEY_VAR);
        String envSecret = env.get(SECRET_KEY_VAR);
        if (envAccess != null && !envAccess.isEmpty() && (profile == null || profile.isEmpty())) {
            if (envSecret == null || envSecret.isEmpty()) {
                throw new StoreException(ACCESS_KEY_VAR + " is set but " + SECRET_KEY_VAR + " is not");
            }
            return new S3Credentials(envAccess, envSecret, env.get("AWS_SESSION_TOKEN"), "the environment");
        }
        String name = profile != null && !profile.isEmpty() ? profile
                : env.getOrDefault("AWS_PROFILE", "default");
        String fileVar = env.get("AWS_SHARED_CREDENTIALS_FILE");
        Path file = fileVar != null && !fileVar.isEmpty() ? Path.of(fileVar) : home.resolve(".aws").resolve("credentials");
        if (Files.isRegularFile(file)) {
            Map<String, String> p = profileOf(file, name);
            if (p != null) {
                String a = p.get("aws_access_key_id");
                String s = p.get("aws_secret_access_key");
                if (a == null || s == null) {
                    throw new StoreException("the profile " + name + " of " + file
                            + " lacks aws_access_key_id or aws_secret_access_key");
                }
                return new S3Credentials(a, s, p.get("aws_session_token"), "profile " + name + " of " + file);
            }
            if (profile != null && !profile.isEmpty()) {
                throw new StoreException("there is no profile " + profile + " in " + file);
            }
        } else if (profile != null && !profile.isEmpty()) {
            throw new StoreException("the profile " + profile + " was asked for, but there is no credentials file " + file);
        }
        throw new StoreException("no S3 credentials: set " + ACCESS_KEY_VAR + " and " + SECRET_KEY_VAR
                + ", add a profile to " + file + ", or save keys in the store's settings");
    }

    /** The keys of one {@code [profile]} section of an INI credentials file, or null when there is none. */
    static Map<String, String> profileOf(Path file, String profile) throws StoreException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read the credentials file " + file + ": " + Messages.of(e), e);
        }
        Map<String, String> found = null;
        boolean in = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                String section = line.substring(1, line.length() - 1).strip();
                if (section.startsWith("profile ")) {
                    section = section.substring(8).strip();
                }
                in = section.equals(profile);
                if (in && found == null) {
                    found = new java.util.HashMap<>();
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (in && eq > 0) {
                found.put(line.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT), line.substring(eq + 1).strip());
            }
        }
        return found;
    }
}
