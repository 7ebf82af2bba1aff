package org.scapscope.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text of each parameter type, on the tiny captures of {@link ParamCapture}. Every expected
 * line is what sysdig 0.29.3 prints for the same capture ({@code sysdig -r params.scap -p
 * '*%evt.num %evt.args'}, and the other formats named in each test).
 */
class ParamTextTest {
    @TempDir
    Path tmp;

    List<String> render(ParamCapture.Content content, String format, TextOptions options) throws Exception {
        return ParamCapture.render(tmp, content, format, options);
    }

    List<String> render(ParamCapture.Content content, String format) throws Exception {
        return render(content, format, TextOptions.DEFAULT);
    }

    /** {@code evt.args} of the events numbered {@code numbers} of the parameter capture. */
    List<String> args(int... numbers) throws Exception {
        return pick(render(ParamCapture::parameters, "*%evt.num %evt.args"), numbers);
    }

    List<String> cornerArgs(int... numbers) throws Exception {
        return pick(render(ParamCapture::corners, "*%evt.num %evt.args"), numbers);
    }

    static List<String> pick(List<String> lines, int... numbers) {
        return ParamCapture.pick(lines, numbers);
    }

    @Test
    void flagsAreNamedInTableOrderWithMatchedBitsCleared() throws Exception {
        assertEquals(List.of(
                "1 name=sub/../file.txt(/home/user/file.txt) flags=4097(O_RDONLY|O_CLOEXEC) mode=0755 ",
                "3 fd=-2(ENOENT) name=/nonexistent flags=6(O_CREAT|O_WRONLY) mode=0644 dev=0 ",
                "25 addr=0 length=4096 prot=3(PROT_READ|PROT_WRITE) flags=34(MAP_PRIVATE|MAP_RENAME) fd=-1(EPERM) "
                        + "offset=0 ",
                "34 addr=7FFFDEAD op=129(FUTEX_PRIVATE_FLAG|FUTEX_WAKE) val=1 ",
                "35 dirfd=-100(AT_FDCWD) name=rel flags=0(O_NONE) mode=0 "), args(1, 3, 25, 34, 35));
    }

    @Test
    void enumsThatSysdig0293TypedAsFlagsAreNamedLikeFlags() throws Exception {
        assertEquals(List.of(
                "14 domain=2(AF_INET) type=1 proto=0 ",
                "15 domain=10(AF_INET6) type=2 proto=17 ",
                "31 fd=3(<f>/etc/passwd) offset=10 whence=2(SEEK_END) ",
                "32 fd=3(<f>/etc/passwd) cmd=19(F_SETLKW64) ",
                "47 fd=4(<6>10.0.0.1:40000->10.0.0.2:80) how=1(SHUT_WR) "), args(14, 15, 31, 32, 47));
    }

    @Test
    void flagsWithoutATableShowOnlyTheirNumber() throws Exception {
        assertEquals(List.of("33 initval=5 flags=526336 ", "48 fd=-1(EPERM) mask=4000 flags=128 "), args(33, 48));
    }

    @Test
    void modesInOctalWithTheirNamesAndUnsignedModesInHex() throws Exception {
        assertEquals(List.of(
                "21 res=0 fd=3(<f>/etc/passwd) mode=04755(S_IXOTH|S_IROTH|S_IXGRP|S_IRGRP|S_IXUSR|S_IWUSR|S_IRUSR|"
                        + "S_ISUID) ",
                "39 res=0 dirfd=7(<d>/tmp/dir) path=newdir(/tmp/dir/newdir) mode=1ED ",
                "50 mode=1ED "), args(21, 39, 50));
    }

    @Test
    void errnoValuesAreNamedWhenNegative() throws Exception {
        assertEquals(List.of(
                "3 fd=-2(ENOENT) name=/nonexistent flags=6(O_CREAT|O_WRONLY) mode=0644 dev=0 ",
                "12 res=-111(ECONNREFUSED) tuple=127.0.0.1:5001->127.0.0.1:8080 ",
                "38 fd=-13(EACCES) dirfd=42 name=h(h) flags=1(O_RDONLY) mode=0 dev=0 "), args(3, 12, 38));
        assertEquals(List.of("17 res=5 "), cornerArgs(17));
    }

    @Test
    void descriptorsShowTheirKindAndName() throws Exception {
        assertEquals(List.of(
                "2 fd=6(<f>/home/user/file.txt) name=sub/../file.txt(/home/user/file.txt) flags=4097(O_RDONLY|"
                        + "O_CLOEXEC) mode=0755 dev=803 ",
                "4 fd=3(<f>/etc/passwd) size=4096 ",
                "7 fd=4(<4t>10.0.0.1:40000->10.0.0.2:80) addr=10.0.0.2:80 ",
                "9 fd=5(<u>/run/x.sock) addr=/run/x.sock ",
                "36 fd=9(<f>/tmp/dir/sub/f) dirfd=7(<d>/tmp/dir) name=sub/f(/tmp/dir/sub/f) flags=1(O_RDONLY) mode=0 "
                        + "dev=0 "), args(2, 4, 7, 9, 36));
        // negative descriptors read as errno (-1 is EPERM), AT_FDCWD by name, unknown ones bare
        assertEquals(List.of(
                "25 addr=0 length=4096 prot=3(PROT_READ|PROT_WRITE) flags=34(MAP_PRIVATE|MAP_RENAME) fd=-1(EPERM) "
                        + "offset=0 ",
                "37 fd=9(<f>/home/user/g) dirfd=-100(AT_FDCWD) name=./g(/home/user/g) flags=1(O_RDONLY) mode=0 dev=0 ",
                "38 fd=-13(EACCES) dirfd=42 name=h(h) flags=1(O_RDONLY) mode=0 dev=0 "), args(25, 37, 38));
        assertEquals(List.of("22 fd=5(<u>) addr= "), cornerArgs(22));
    }

    @Test
    void socketTuplesAndAddresses() throws Exception {
        assertEquals(List.of(
                "8 fd=4(<6>10.0.0.1:40000->10.0.0.2:80) addr=2001:db8::1:443 ",
                "10 res=0 tuple=10.0.0.1:40000->10.0.0.2:80 ",
                "11 res=0 tuple=fe80::1:5000->2001:db8:0:1::2:443 ",
                "12 res=-111(ECONNREFUSED) tuple=127.0.0.1:5001->127.0.0.1:8080 ",
                "13 res=0 tuple=ffff9a0012345678->0 /run/x.sock ",
                "44 fd=5(<6>ffff9a0012345678->0 /run/x.sock) size=3 tuple=ab->cd /run/x.sock ",
                "45 res=0 addr=family 99 ",
                "46 res=0 addr=INVALID IPv4 "), args(8, 10, 11, 12, 13, 44, 45, 46));
        assertEquals(List.of(
                "11 fd=4(<4t>10.0.0.1:40000->10.0.0.2:80) addr=::ffff:1.2.3.4:80 ",
                "12 fd=4(<6>10.0.0.1:40000->10.0.0.2:80) addr=::1:80 ",
                "13 fd=4(<4t>10.0.0.1:40000->10.0.0.2:80) addr=:::0 ",
                "14 res=0 tuple=::1:1->::1:2 ",
                "15 res=0 tuple=::10.0.0.1:1->1:0:0:1::1:2 "), cornerArgs(11, 12, 13, 14, 15));
    }

    @Test
    void buffersShowPrintableBytesAndAreCutAt80Characters() throws Exception {
        assertEquals(List.of(
                "5 res=9 data=ab..cd...e ",
                "6 res=100 data=01234567890123456789012345678901234567890123456789012345678901234567890123456... "),
                args(5, 6));
        assertEquals(List.of("4 res=0 data= "), cornerArgs(4));
        assertEquals(List.of("5 ab..cd...e", "6 " + "0123456789".repeat(10)),
                pick(render(ParamCapture::parameters, "*%evt.num %evt.buffer",
                        new TextOptions(TextOptions.BufferFormat.NORMAL, 0)), 5, 6));
    }

    @Test
    void buffersInTheOtherFormats() throws Exception {
        // sysdig -A, -x, -X and -b
        assertEquals(List.of("5 \nab\ncd\ne", "6 \n" + "0123456789".repeat(10)),
                pick(render(ParamCapture::parameters, "*%evt.num %evt.buffer",
                        new TextOptions(TextOptions.BufferFormat.ASCII, 80)), 5, 6));
        assertEquals(List.of("5 \n\t0x0000: 6162 000a 6364 0d0a ff65\n"),
                pick(render(ParamCapture::parameters, "*%evt.num %evt.buffer",
                        new TextOptions(TextOptions.BufferFormat.HEX, 80)), 5));
        assertEquals(List.of("5 \n\t0x0000: 6162 000a 6364 0d0a ff65                 ab..cd...e\n"),
                pick(render(ParamCapture::parameters, "*%evt.num %evt.buffer",
                        new TextOptions(TextOptions.BufferFormat.HEX_ASCII, 80)), 5));
        assertEquals(List.of("29 res=0 fd=4(<6>10.0.0.1:40000->10.0.0.2:80) level=6(SOL_TCP) optname=99(SO_TIMESTAMPNS) "
                + "val=\n\t0x0000: 6100 62                                a.b\n optlen=3 "),
                pick(render(ParamCapture::parameters, "*%evt.num %evt.args",
                        new TextOptions(TextOptions.BufferFormat.HEX_ASCII, 80)), 29));
        assertEquals(List.of("5 YWIACmNkDQr/ZQ=="),
                pick(render(ParamCapture::parameters, "*%evt.num %evt.buffer",
                        new TextOptions(TextOptions.BufferFormat.BASE64, 80)), 5));
    }

    @Test
    void dynamicParametersTakeTheTypeTheirIndexNames() throws Exception {
        assertEquals(List.of(
                "27 res=0 fd=4(<6>10.0.0.1:40000->10.0.0.2:80) level=1(SOL_SOCKET) optname=2(SO_REUSEADDR) val=1 "
                        + "optlen=4 ",
                "28 res=0 fd=4(<6>10.0.0.1:40000->10.0.0.2:80) level=1(SOL_SOCKET) optname=4(SO_ERROR) "
                        + "val=-111(ECONNREFUSED) optlen=4 ",
                "29 res=0 fd=4(<6>10.0.0.1:40000->10.0.0.2:80) level=6(SOL_TCP) optname=99(SO_TIMESTAMPNS) val=a.b "
                        + "optlen=3 ",
                "30 res=0 addr=DEADBEEF data=11(SIGSEGV) "), args(27, 28, 29, 30));
    }

    @Test
    void uidsAndGidsAreNamedFromTheUserList() throws Exception {
        assertEquals(List.of("17 uid=1000(alice) ", "18 uid=5000(<NA>) ", "19 uid=-1(<NONE>) ", "20 gid=1001(staff) "),
                args(17, 18, 19, 20));
    }

    @Test
    void pidsSignalsAndTimes() throws Exception {
        assertEquals(List.of(
                "16 pid=200(sh) sig=9(SIGKILL) ",
                "22 interval=1500000000(1.5s) ",
                "24 fds=8:u1 timeout=none sigmask=SIGINT SIGKILL SIGTERM "), args(16, 22, 24));
        assertEquals(List.of(
                "7 spid=200(sh) dpid=12345 sig=99 ",
                "8 interval=1000000000000000(1e+06s) ",
                "9 interval=123456789(0.123457s) ",
                "10 interval=1(1e-09s) ",
                "21 pid=200(t\u00e9st) sig=15(SIGTERM) "), cornerArgs(7, 8, 9, 10, 21));
    }

    @Test
    void fdListsShowKindAndFlagsOfEachDescriptor() throws Exception {
        assertEquals(List.of("23 fds=3:f1 4:64 99:?41 timeout=-1 "), args(23));
        assertEquals(List.of("16 fds=3:fffff8001 timeout=0 "), cornerArgs(16));
    }

    @Test
    void pathsAreResolvedAgainstTheCwdOrTheirDirectoryDescriptor() throws Exception {
        assertEquals(List.of(
                "37 fd=9(<f>/home/user/g) dirfd=-100(AT_FDCWD) name=./g(/home/user/g) flags=1(O_RDONLY) mode=0 dev=0 ",
                "38 fd=-13(EACCES) dirfd=42 name=h(h) flags=1(O_RDONLY) mode=0 dev=0 ",
                "51 fd=3(<f>x) name=x(x) flags=0(O_NONE) mode=0 dev=0 "), args(37, 38, 51));
        // the value drops what it cannot print; the resolved path puts a dot for each such byte
        assertEquals(List.of(
                "1 fd=10(<f>/home/user/caf../x) name=caf/x(/home/user/caf../x) flags=1(O_RDONLY) mode=0 dev=0 ",
                "2 fd=11(<f>/home/user/a.b) name=ab(/home/user/a.b) flags=1(O_RDONLY) mode=0 dev=0 "),
                cornerArgs(1, 2));
    }

    @Test
    void integersFollowTheirPrintFormats() throws Exception {
        assertEquals(List.of(
                "5 flags=FFFFFFFF ",
                "6 res=0 nsops=2 sem_num_0=1 sem_op_0=-1 sem_flg_0=6144 sem_num_1=2 sem_op_1=3 sem_flg_1=0 ",
                "18 addr=FFFFFFFFFFFFF000 length=-1 prot=0(PROT_NONE) flags=0 fd=3(<f>/etc/passwd) offset=-1 ",
                "19 res=0 newcur=-1 newmax=4611686018427387904 oldcur=7 oldmax=8 "), cornerArgs(5, 6, 18, 19));
        assertEquals(List.of("26 res=7F0000001000 vm_size=100 vm_rss=20 vm_swap=0 "), args(26));
    }

    @Test
    void parametersFollowSysdig0293sTable() throws Exception {
        // getrlimit's exit has no resource in 0.29.3; execve's parameter 17 was pgid, a pid; text
        // parameters keep non-ASCII characters, buffers do not
        assertEquals(List.of("49 res=0 cur=1024 max=4096 "), args(49));
        assertEquals(List.of("20 res=0 exe=/bin/t\u00e9st args=t.st.-x. tid=200(t\u00e9st) pid=200(t\u00e9st) ptid=1 cwd= "
                + "fdlimit=1024 pgft_maj=0 pgft_min=0 vm_size=10 vm_rss=20 vm_swap=0 comm=t\u00e9st cgroups=cpu=/. "
                + "env=A=1. tty=34816 pgid=200(t\u00e9st) loginuid=1000 "), cornerArgs(20));
    }

    @Test
    void genericSystemCallsHaveNoArgumentsButANamedId() throws Exception {
        assertEquals(List.of("40 ", "41 "), args(40, 41));
        assertEquals(List.of("40|fstatfs|63|fstatfs|file|fstatfs", "41|<unknown syscall>|400|<NA>|unknown|<NA>"),
                pick(render(ParamCapture::parameters,
                        "*%evt.num|%evt.arg[0]|%evt.arg[1]|%evt.type|%evt.category|%syscall.type"), 40, 41));
    }

    @Test
    void evtArgShowsTheResolvedTextWhenThereIsOne() throws Exception {
        assertEquals(List.of(
                "1|/home/user/file.txt|<NA>|/home/user/file.txt|file|<NA>",
                "3|ENOENT|ENOENT|/nonexistent|file|<NA>",
                "5|9|<NA>|<NA>|file|9",
                "12|ECONNREFUSED|<NA>|<NA>|net|<NA>",
                "16|sh|<NA>|<NA>|signal|<NA>",
                "22|1.5s|<NA>|<NA>|sleep|<NA>",
                "23|3:f1 4:64 99:?41|<NA>|<NA>|wait|<NA>",
                "34|7FFFDEAD|<NA>|<NA>|IPC|<NA>"),
                pick(render(ParamCapture::parameters,
                        "*%evt.num|%evt.arg[0]|%evt.arg.fd|%evt.arg.name|%evt.category|%evt.buflen"),
                        1, 3, 5, 12, 16, 22, 23, 34));
    }

    @Test
    void syslogWritesAreDecoded() throws Exception {
        assertEquals(List.of(
                "1|fd=8(<u>/dev/log) size=32 |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "2|syslog sev=info msg=Nov 26 10:00:00 myapp: hello|daemon|3|info|6|Nov 26 10:00:00 myapp: hello|true",
                "3|fd=8(<u>/dev/log) size=5 |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "4|syslog sev=notice msg=x|user|1|notice|5|x|true",
                "5|fd=8(<u>/dev/log) size=8 |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "6|res=8 data=<abc>bad |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "7|fd=8(<u>/dev/log) size=7 |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "8|res=7 data=<>empty |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "9|fd=8(<u>/dev/log) size=10 |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "10|syslog sev=debug msg=debug|local7|23|debug|7|debug|true",
                "11|fd=8(<u>/dev/log) size=9 |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "12|syslog sev=emerg msg=past|<NA>|25|emerg|0|past|true",
                "13|fd=8(<u>/dev/log) size=11 |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "14|res=11 data=no priority |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "15|fd=8(<u>/dev/log) size=12 |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "16|syslog sev=info msg=with|user|1|info|6|with|true",
                "17|fd=3(<f>/etc/passwd) size=16 |<NA>|<NA>|<NA>|<NA>|<NA>|false",
                "18|res=16 data=<30>not a log fd |<NA>|<NA>|<NA>|<NA>|<NA>|false",
                "19|fd=8(<u>/dev/log) size=5 |<NA>|<NA>|<NA>|<NA>|<NA>|true",
                "20|res=-11(EAGAIN) data=<30>x |<NA>|<NA>|<NA>|<NA>|<NA>|true"),
                render(ParamCapture::syslog, "*%evt.num|%evt.info|%syslog.facility.str|%syslog.facility|"
                        + "%syslog.severity.str|%syslog.severity|%syslog.message|%evt.is_syslog"));
    }

    @Test
    void theDefaultLine() throws Exception {
        assertEquals(List.of(
                "1 22:13:20.000000000 0 cat (100) > open name=sub/../file.txt(/home/user/file.txt) "
                        + "flags=4097(O_RDONLY|O_CLOEXEC) mode=0755 ",
                "2 22:13:20.000000001 0 cat (100) < open fd=6(<f>/home/user/file.txt) name=sub/../file.txt"
                        + "(/home/user/file.txt) flags=4097(O_RDONLY|O_CLOEXEC) mode=0755 dev=803 "),
                render(ParamCapture::parameters, OutputFormat.DEFAULT).subList(0, 2));
    }

    @Test
    void formatsPadOrCutToAWidthAndExtractEveryFieldOfSkippedLines() throws Exception {
        List<String> widths = render(ParamCapture::parameters, "%evt.num %5evt.type|%3evt.arg.fd|");
        assertEquals(List.of("2 open |<f>|", "3 open |ENO|", "4 read |<f>|", "7 conne|<4t|"), widths.subList(0, 4));
        // the lines of events without an fd are skipped, but the delta still counts from them
        List<String> deltas = render(ParamCapture::parameters, "%evt.num %evt.arg.fd %evt.deltatime");
        assertEquals(List.of("2 <f>/home/user/file.txt 1", "3 ENOENT 1", "4 <f>/etc/passwd 1",
                "7 <4t>10.0.0.1:40000->10.0.0.2:80 1"), deltas.subList(0, 4));
    }

    @Test
    void evtTypeIsTakesNoTextUnlessItsNameEndsTheFormat() throws Exception {
        assertEquals(List.of("1 <NA>evt.type.is.open|<NA>"),
                render(ParamCapture::parameters, "*%evt.num %evt.type.is.open|%evt.type.is.open").subList(0, 1));
    }

    @Test
    void humanTimes() {
        assertEquals("0ns", EventFields.humanTime(0));
        assertEquals("949ns", EventFields.humanTime(949));
        assertEquals("2.58us", EventFields.humanTime(2583));
        assertEquals("140us", EventFields.humanTime(140_123));
        assertEquals("5.40ms", EventFields.humanTime(5_401_000));
        assertEquals("12ms", EventFields.humanTime(12_345_678));
        assertEquals("1.50s", EventFields.humanTime(1_500_000_000L));
        assertEquals("2:3", EventFields.humanTime(123_000_000_000L));
        assertEquals("01:02:03", EventFields.humanTime(3_723_000_000_000L));
    }

    @Test
    void numbersAsPercentG() {
        assertEquals("1.5", ParamText.formatG(1.5));
        assertEquals("0.123457", ParamText.formatG(0.123456789));
        assertEquals("1e-09", ParamText.formatG(1e-9));
        assertEquals("1e+06", ParamText.formatG(1e6));
        assertEquals("123457", ParamText.formatG(123456.7));
        assertEquals("0.0001", ParamText.formatG(0.0001));
    }

    @Test
    void syslogPriorities() {
        assertEquals(new Syslog(3, 6, "hi"), Syslog.decode("<30>hi".getBytes()));
        assertEquals(null, Syslog.decode("<>x".getBytes()));
        assertEquals(null, Syslog.decode("<3a>x".getBytes()));
        assertEquals(null, Syslog.decode("<30".getBytes()));
        assertEquals(new Syslog(0, 1, ""), Syslog.decode("<1>".getBytes()));
    }
}
