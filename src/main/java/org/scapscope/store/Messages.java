package org.scapscope.store;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Short, readable reasons for low-level failures, for the sentences a store's errors make. */
final class Messages {
    private Messages() {
    }

    static String of(Throwable e) {
        if (e instanceof StoreException) {
            return e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file " + ((NoSuchFileException) e).getFile();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied on " + ((AccessDeniedException) e).getFile();
        }
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            return f.getReason() != null ? f.getReason() + (f.getFile() != null ? " (" + f.getFile() + ")" : "")
                    : String.valueOf(f.getMessage());
        }
        if (e instanceof ConnectException) {
            return "the server refused the connection (is it running?)";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + e.getMessage();
        }
        if (e instanceof SocketTimeoutException) {
            return "the server did not answer in time";
        }
        String m = e.getMessage();
        if (m != null && m.contains("No space left on device")) {
            return "the disk is full";
        }
        return m != null ? m : e.getClass().getSimpleName();
    }
}
