package org.scapscope.filter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Port numbers of service names ({@code http} is 80), for port values written by name as sysdig
 * accepts them: from {@code /etc/services} when the machine has one, else from the common ones.
 */
final class Services {
    private static volatile Map<String, Integer> ports;

    private Services() {
    }

    /** The port of a service name, or -1 when the name is unknown. */
    static int port(String name) {
        Map<String, Integer> m = ports;
        if (m == null) {
            m = load();
            ports = m;
        }
        return m.getOrDefault(name, -1);
    }

    private static Map<String, Integer> load() {
        Map<String, Integer> m = new HashMap<>();
        Path file = Path.of("/etc/services");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (String line : lines) {
                int hash = line.indexOf('#');
                String[] parts = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                if (parts.length < 2 || parts[1].indexOf('/') < 0) {
                    continue;
                }
                int port;
                try {
                    port = Integer.parseInt(parts[1].substring(0, parts[1].indexOf('/')));
                } catch (NumberFormatException e) {
                    continue;
                }
                for (int i = 0; i < parts.length; i++) {
                    if (i != 1) {
                        m.putIfAbsent(parts[i], port);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no services file: the common names below
        }
        String[][] common = {{"ftp", "21"}, {"ssh", "22"}, {"telnet", "23"}, {"smtp", "25"}, {"domain", "53"},
            {"http", "80"}, {"pop3", "110"}, {"ntp", "123"}, {"imap", "143"}, {"snmp", "161"}, {"ldap", "389"},
            {"https", "443"}, {"imaps", "993"}, {"pop3s", "995"}, {"mysql", "3306"}, {"postgresql", "5432"}};
        for (String[] c : common) {
            m.putIfAbsent(c[0], Integer.parseInt(c[1]));
        }
        return m;
    }
}
