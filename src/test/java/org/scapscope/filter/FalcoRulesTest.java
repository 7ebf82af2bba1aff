package org.scapscope.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FalcoRulesTest {
    @TempDir
    Path tmp;

    private FalcoRules load(String... yamlFiles) throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < yamlFiles.length; i++) {
            files.add(Files.writeString(tmp.resolve("rules" + i + ".yaml"), yamlFiles[i]));
        }
        return FalcoRules.load(files);
    }

    @Test
    void aFolderOfRulesFilesIsReadInNameOrderLeavingOutTheFilesThatFail() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(folder.resolve("10-base.yaml"), "- list: shells\n  items: [bash, sh]\n"
                + "- macro: spawned_process\n  condition: evt.type = execve and evt.dir = <\n");
        Files.writeString(folder.resolve("20-broken.yaml"), "- macro: broken\n  condition: [unclosed\n");
        Files.writeString(folder.resolve("30-own.yml"), "- macro: shell_spawned\n  condition: spawned_process"
                + " and proc.name in (shells)\n");
        Files.writeString(folder.resolve("40-needs-missing.yaml"), "- list: more\n  items: [zsh]\n  append: true\n"
                + "- macro: x\n  condition: evt.type = open\n  append: true\n");
        Files.writeString(folder.resolve("notes.txt"), "not rules");
        List<String> problems = new java.util.ArrayList<>();
        FalcoRules rules = FalcoRules.ofFolder(folder, problems);
        assertEquals(List.of("spawned_process", "shell_spawned"), rules.macroNames());
        assertEquals(List.of("shells"), rules.listNames());
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(folder.resolve("20-broken.yaml").toString())
                && problems.get(0).contains("not valid YAML"), problems.get(0));
        assertTrue(problems.get(1).contains(folder.resolve("40-needs-missing.yaml").toString()), problems.get(1));
        assertEquals("(and (and (= evt.type 'execve') (= evt.dir '<')) (in proc.name \"bash\" \"sh\"))",
                expanded(rules, "shell_spawned"));
        // a mapping where a name goes is said with where it is, in words, not the YAML reader's class names
        Path braces = Files.writeString(tmp.resolve("braces.yaml"), "{{{ bad\n");
        FilterException e = org.junit.jupiter.api.Assertions.assertThrows(FilterException.class,
                () -> FalcoRules.load(List.of(braces)));
        assertTrue(e.getMessage().endsWith("is not valid YAML at line 1, column 3: expected a name as the key of a"
                + " mapping, found a mapping"), e.getMessage());
        List<String> none = new java.util.ArrayList<>();
        assertTrue(FalcoRules.ofFolder(tmp.resolve("no-such-folder"), none).macroNames().isEmpty());
        assertTrue(none.isEmpty());
    }

    private static String expanded(FalcoRules rules, String expression) throws FilterException {
        return FilterParserTest.render(rules.expand(FilterParser.parse(expression), expression));
    }

    @Test
    void macrosAndListsExpandAsFalcoExpandsThem() throws Exception {
        FalcoRules rules = load("""
                - list: shell_binaries
                  items: [bash, sh]
                - list: more_shells
                  items: [shell_binaries, zsh]
                - macro: spawned_process
                  condition: evt.type in (execve, execveat) and evt.dir=<
                - macro: container
                  condition: (container.id != host)
                - macro: shell
                  condition: proc.name in (more_shells)
                """);
        assertEquals("(and (and (in evt.type 'execve' 'execveat') (= evt.dir '<')) (!= container.id 'host'))",
                expanded(rules, "spawned_process and container"));
        assertEquals("(in proc.name \"bash\" \"sh\" \"zsh\")", expanded(rules, "shell"));
        assertEquals(List.of("bash", "sh", "zsh"), rules.listItems("more_shells"));
        FilterCompiler.compile("spawned_process and container and not shell", rules);
    }

    /** A file of several YAML documents is read whole, as Falco reads it; an empty document is none. */
    @Test
    void everyDocumentOfAFileIsRead() throws Exception {
        FalcoRules rules = load("""
                - list: shells
                  items: [bash]
                ---
                ---
                - macro: shell
                  condition: proc.name in (shells)
                ---
                - list: shells
                  items: [zsh]
                  append: true
                """);
        assertEquals("(in proc.name \"bash\" \"zsh\")", expanded(rules, "shell"));
    }

    @Test
    void laterFilesAppendAndOverride() throws Exception {
        FalcoRules rules = load("""
                - list: l
                  items: [a]
                - macro: m
                  condition: proc.name = a
                """, """
                - list: l
                  items: [b]
                  append: true
                - macro: m
                  condition: or proc.name = b
                  append: true
                - list: k
                  items: [x]
                - list: k
                  items: [y]
                """);
        assertEquals(List.of("a", "b"), rules.listItems("l"));
        assertEquals(List.of("y"), rules.listItems("k"));
        assertEquals("(or (= proc.name 'a') (= proc.name 'b'))", expanded(rules, "m"));
    }

    @Test
    void aMacroThatUsesItselfIsReported() throws Exception {
        FalcoRules rules = load("""
                - macro: a
                  condition: b and proc.name = x
                - macro: b
                  condition: not a
                """);
        FilterException e = assertThrows(FilterException.class, () -> rules.expand(FilterParser.parse("a"), "a"));
        assertEquals(FilterErrorCode.MACRO_CYCLE, e.code());
        assertTrue(e.getMessage().contains("a -> b -> a"), e.getMessage());
    }

    @Test
    void mistakesInsideMacrosNameTheMacroAndFile() throws Exception {
        FalcoRules rules = load("""
                - macro: broken
                  condition: proc.name = = x
                """);
        FilterException e = assertThrows(FilterException.class, () -> FilterCompiler.compile("broken", rules));
        assertEquals(FilterErrorCode.EXPECTED_VALUE, e.code());
        assertTrue(e.getMessage().contains("in macro broken of " + tmp.resolve("rules0.yaml")), e.getMessage());
        assertEquals("proc.name = = x", e.source());
        FalcoRules typo = load("""
                - macro: typo
                  condition: proc.nme = x
                """);
        FilterException t = assertThrows(FilterException.class, () -> FilterCompiler.compile("typo and evt.num > 1", typo));
        assertEquals(FilterErrorCode.UNKNOWN_FIELD, t.code());
        assertEquals(0, t.span().start());
        assertEquals(4, t.span().end());
        assertTrue(t.getMessage().startsWith("in macro typo: "), t.getMessage());
    }

    @Test
    void brokenYamlIsReportedWithTheLineAndColumnOfTheMistake() {
        FilterException open = assertThrows(FilterException.class, () -> load("""
                - list: shells
                  items: [bash, sh
                - macro: shell
                  condition: proc.name in (shells)
                """));
        assertEquals(FilterErrorCode.BAD_RULES, open.code());
        assertTrue(open.getMessage().contains(tmp.resolve("rules0.yaml") + " is not valid YAML at line 3, column 8:"
                + " expected ',' or ']', but got : (while parsing a flow sequence from line 2, column 10)"),
                open.getMessage());
        FilterException tab = assertThrows(FilterException.class, () -> load("- list: a\n\titems: [x]\n"));
        assertTrue(tab.getMessage().contains("is not valid YAML at line 2, column 1: found character"), tab.getMessage());
        assertFalse(tab.getMessage().contains("\n"), "one line: " + tab.getMessage());
    }

    @Test
    void macrosThatExpandToAHugeFilterAreRefusedQuickly() throws Exception {
        StringBuilder yaml = new StringBuilder("- macro: m0\n  condition: evt.type=open\n");
        for (int i = 1; i <= 40; i++) {
            yaml.append("- macro: m").append(i).append("\n  condition: (m").append(i - 1).append(" or m").append(i - 1)
                    .append(")\n");
        }
        FalcoRules rules = load(yaml.toString());
        long start = System.nanoTime();
        FilterException e = assertThrows(FilterException.class, () -> FilterCompiler.compile("m40", rules));
        assertEquals(FilterErrorCode.TOO_LONG, e.code());
        assertTrue(e.getMessage().contains("macros are expanded"), e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused without expanding 2^40 conditions");
        FilterCompiler.compile("m10", rules); // 2^10 conditions are fine
    }

    @Test
    void unknownNamesSuggestTheClosestMacro() throws Exception {
        FalcoRules rules = load("""
                - macro: spawned_process
                  condition: evt.type = execve
                """);
        FilterException e = assertThrows(FilterException.class, () -> FilterCompiler.compile("spawned_proces", rules));
        assertEquals(FilterErrorCode.UNKNOWN_MACRO, e.code());
        assertTrue(e.getMessage().contains("did you mean `spawned_process`"), e.getMessage());
    }

    @Test
    void malformedRulesFilesAreRejectedWithTheirName() throws Exception {
        FilterException yaml = assertThrows(FilterException.class, () -> load("- macro: [unclosed\n"));
        assertEquals(FilterErrorCode.BAD_RULES, yaml.code());
        assertTrue(yaml.getMessage().contains("rules0.yaml"), yaml.getMessage());
        FilterException noItems = assertThrows(FilterException.class, () -> load("- list: x\n"));
        assertTrue(noItems.getMessage().contains("list x has no items"), noItems.getMessage());
        FilterException notList = assertThrows(FilterException.class, () -> load("macro: x\n"));
        assertTrue(notList.getMessage().contains("must be a YAML list"), notList.getMessage());
    }

    /**
     * Rules are read with their output, priority, tags and source; a later file appends to a rule's
     * condition, replaces what its override names, turns it off, or adds exceptions, which become
     * {@code and not (...)}; a change to a rule no file loaded defines is passed over.
     */
    @Test
    void rulesAreReadAndChangedAsFalcoDoes() throws Exception {
        FalcoRules rules = load("""
                - rule: Shell run
                  desc: a shell
                  condition: evt.type = execve and proc.name in (bash, sh)
                  output: "Shell (user=%user.name)"
                  priority: WARNING
                  tags: [shell, mitre_execution]
                - rule: K8s audit
                  condition: ka.verb = create
                  output: created
                  priority: INFO
                  source: k8s_audit
                - rule: Reads
                  condition: evt.type = read
                  output: read
                  priority: DEBUG
                """, """
                - rule: Shell run
                  condition: and not user.name = root
                  append: true
                - rule: Reads
                  condition: evt.type = pread
                  output: pread %fd.name
                  override:
                    condition: replace
                    output: replace
                - rule: K8s audit
                  enabled: false
                - rule: Falco's own rule, not loaded
                  enabled: false
                - rule: Shell run
                  exceptions:
                    - name: tools
                      fields: [proc.pname, fd.name]
                      comps: [=, startswith]
                      values: [[make, /tmp], [ninja, /build]]
                    - name: images
                      fields: container.image.repository
                      values: [docker.io/a, "quay.io/b c"]
                    - name: empty
                      fields: [proc.name]
                      values: []
                  override:
                    exceptions: append
                """);
        List<FalcoRules.Rule> all = rules.rules();
        assertEquals(List.of("Shell run", "K8s audit", "Reads"), all.stream().map(FalcoRules.Rule::name).toList());
        FalcoRules.Rule shell = all.get(0);
        assertEquals("(evt.type = execve and proc.name in (bash, sh) and not user.name = root) and not ("
                + "(proc.pname = \"make\" and fd.name startswith \"/tmp\") or (proc.pname = \"ninja\" and fd.name"
                + " startswith \"/build\") or container.image.repository in (docker.io/a, \"quay.io/b c\"))",
                shell.condition());
        assertEquals("Shell (user=%user.name)", shell.output());
        assertEquals("WARNING", shell.priority());
        assertEquals(List.of("shell", "mitre_execution"), shell.tags());
        assertEquals("syscall", shell.source());
        assertTrue(shell.enabled());
        assertEquals("k8s_audit", all.get(1).source());
        assertFalse(all.get(1).enabled());
        assertEquals("evt.type = pread", all.get(2).condition());
        assertEquals("pread %fd.name", all.get(2).output());
        assertEquals("DEBUG", all.get(2).priority());
        // every condition compiles as a filter
        FilterCompiler.compile(shell.condition(), rules);

        FilterException noOutput = assertThrows(FilterException.class, () -> load(
                "- rule: Half\n  condition: evt.type = open\n  priority: NOTICE\n"));
        assertTrue(noOutput.getMessage().endsWith("rule Half has no output"), noOutput.getMessage());
        FilterException badException = assertThrows(FilterException.class, () -> load(
                "- rule: R\n  condition: evt.type = open\n  output: o\n  priority: NOTICE\n  exceptions:\n"
                        + "    - name: x\n      fields: [proc.name, fd.name]\n      values: [[a]]\n"));
        assertTrue(badException.getMessage().contains("exception x of rule R has values that do not match its 2 fields"),
                badException.getMessage());
    }

    /**
     * Exceptions stay apart from the condition, as Falco keeps them: values appended to an exception
     * by its name take its fields; a condition appended to with {@code or} stays inside the
     * exceptions' reach; each field of an override is appended to or replaced as it says.
     */
    @Test
    void exceptionsAreAppendedToByNameAndStayOutsideTheCondition() throws Exception {
        String base = """
                - rule: Writer
                  condition: evt.type = write
                  output: w
                  priority: NOTICE
                  exceptions:
                    - name: tools
                      fields: [proc.name, fd.directory]
                      comps: [=, in]
                      values: [[make, [/tmp]]]
                """;
        FalcoRules appended = load(base, """
                - rule: Writer
                  condition: or evt.type = pwrite
                  exceptions:
                    - name: tools
                      values: [['"ninja"', [/build, /out]]]
                  append: true
                """);
        assertEquals("(evt.type = write or evt.type = pwrite) and not ((proc.name = \"make\" and fd.directory in"
                + " (/tmp)) or (proc.name = \"ninja\" and fd.directory in (/build, /out)))",
                appended.rules().get(0).condition());
        FalcoRules replaced = load(base, """
                - rule: Writer
                  condition: evt.type = pwrite
                  exceptions:
                    - name: editors
                      fields: proc.name
                      values: [vim]
                  override:
                    condition: replace
                    exceptions: replace
                """);
        assertEquals("(evt.type = pwrite) and not (proc.name in (vim))", replaced.rules().get(0).condition());
        FalcoRules mixed = load(base, """
                - rule: Writer
                  condition: evt.type = pwrite
                  exceptions:
                    - name: tools
                      values: [[cc, [/src]]]
                  override:
                    condition: replace
                    exceptions: append
                """);
        assertEquals("(evt.type = pwrite) and not ((proc.name = \"make\" and fd.directory in (/tmp)) or"
                + " (proc.name = \"cc\" and fd.directory in (/src)))", mixed.rules().get(0).condition());
        FalcoRules redefined = load(base, "- rule: Writer\n  condition: evt.type = writev\n  output: v\n"
                + "  priority: ERROR\n");
        assertEquals("evt.type = writev", redefined.rules().get(0).condition(), "defined anew, exceptions and all");
        FilterException unknown = assertThrows(FilterException.class, () -> load(base,
                "- rule: Writer\n  exceptions:\n    - name: other\n      values: [[a, b]]\n  append: true\n"));
        assertTrue(unknown.getMessage().endsWith("exception other of rule Writer has no fields"), unknown.getMessage());
        for (FalcoRules r : List.of(appended, replaced, mixed)) {
            FilterCompiler.compile(r.rules().get(0).condition(), r);
        }
    }

    /**
     * As Falco: a list's name among an exception's values stands for its items (values with a space
     * are quoted); an output overridden with {@code append} is added after a space; appended tags
     * join the rule's, each once.
     */
    @Test
    void exceptionListsOutputsAndTagsAreAppendedAsFalcoDoes() throws Exception {
        FalcoRules rules = load("""
                - list: allowed_procs
                  items: [cron, "log rotate"]
                - rule: Reads
                  condition: evt.type = read
                  output: read %fd.name
                  priority: NOTICE
                  tags: [a, b]
                  exceptions:
                    - name: allowed
                      fields: proc.name
                      values: [allowed_procs, "my tool"]
                    - name: pairs
                      fields: [proc.name, fd.name]
                      comps: [in, startswith]
                      values: [[allowed_procs, /var/log]]
                - rule: Reads
                  output: by %proc.name
                  tags: [b, c]
                  override:
                    output: append
                    tags: append
                """);
        FalcoRules.Rule r = rules.rules().get(0);
        assertEquals("read %fd.name by %proc.name", r.output());
        assertEquals(List.of("a", "b", "c"), r.tags());
        assertEquals("(evt.type = read) and not (proc.name in (allowed_procs, \"my tool\") or (proc.name in"
                + " (allowed_procs) and fd.name startswith \"/var/log\"))", r.condition());
        assertEquals("(and (= evt.type 'read') (not (or (in proc.name \"cron\" \"log rotate\" \"my tool\") (and (in"
                + " proc.name \"cron\" \"log rotate\") (startswith fd.name \"/var/log\")))))",
                expanded(rules, r.condition()));
    }

    /** A list item written in quotes, as Falco's own rules write networks, stands for the text between them. */
    @Test
    void aQuotedListItemStandsForTheTextBetweenItsQuotes() throws Exception {
        FalcoRules rules = load("""
                - list: private_networks
                  items: ['"10.0.0.0/8"', "'192.168.0.0/16'", 172.16.0.0/12]
                - list: names
                  items: ['"a \\" b"', plain]
                """);
        assertEquals(List.of("\"10.0.0.0/8\"", "'192.168.0.0/16'", "172.16.0.0/12"), rules.listItems("private_networks"));
        Filter quoted = FilterCompiler.compile("fd.snet in (private_networks)", rules);
        Filter plain = FilterCompiler.compile("fd.snet in (10.0.0.0/8, 192.168.0.0/16, 172.16.0.0/12)");
        try (org.scapscope.scap.ScapFile scap = org.scapscope.scap.ScapFile.open(
                org.scapscope.RealCaptures.named("502Error.scap"),
                org.scapscope.scap.OpenOptions.defaults().cacheDir(tmp.resolve("cache")))) {
            long n = FilterScan.count(scap, plain, false, null);
            assertTrue(n > 0);
            assertEquals(n, FilterScan.count(scap, quoted, false, null));
        }
        FilterNode.Comparison names = (FilterNode.Comparison) rules.expand(FilterParser.parse("proc.name in (names)"),
                "proc.name in (names)");
        assertEquals(List.of("a \" b", "plain"), names.values().stream()
                .map(v -> ((FilterNode.Literal) v).text()).toList());
    }
}
