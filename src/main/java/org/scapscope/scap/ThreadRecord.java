package org.scapscope.scap;

import java.util.List;

/** One thread of a process-list block, with the defaults libscap gives to fields an older version lacks. */
public record ThreadRecord(long tid, long pid, long ptid, long sid, long vpgid, String comm, String exe,
                           String exepath, List<String> args, String cwd, long fdlimit, long flags, long uid,
                           long gid, long vmSizeKb, long vmRssKb, long vmSwapKb, long pageFaultsMajor,
                           long pageFaultsMinor, List<String> env, long vtid, long vpid, List<String> cgroups,
                           String root, long pidnsInitStartTs, long tty, long loginuid, boolean exeWritable,
                           long capInheritable, long capPermitted, long capEffective, boolean exeUpperLayer,
                           long exeIno, long exeInoCtime, long exeInoMtime, boolean exeFromMemfd,
                           boolean exeLowerLayer, long pgid) {
    /** {@code PPM_CL_CLONE_THREAD}: the thread is not its process's leader. */
    public static final long CLONE_THREAD = 1L << 13;
}
