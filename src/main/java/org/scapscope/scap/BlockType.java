package org.scapscope.scap;

/** Block type numbers of the capture format ({@code scap_savefile.h}) and what each one is. */
public final class BlockType {
    public static final int SHB = 0x0A0D0D0A;
    public static final int SHB_MAGIC = 0x1A2B3C4D;
    public static final int SHB_MAGIC_SWAPPED = 0x4D3C2B1A;

    public static final int MI = 0x201;
    public static final int MI_INT = 0x8002ABCD;
    public static final int PL_V1 = 0x202;
    public static final int PL_V1_INT = 0x8000ABCD;
    public static final int PL_V2 = 0x207;
    public static final int PL_V2_INT = 0x8013ABCD;
    public static final int PL_V3 = 0x209;
    public static final int PL_V3_INT = 0x8014ABCD;
    public static final int PL_V4 = 0x210;
    public static final int PL_V5 = 0x211;
    public static final int PL_V6 = 0x212;
    public static final int PL_V7 = 0x213;
    public static final int PL_V8 = 0x214;
    public static final int PL_V9 = 0x215;
    public static final int FDL = 0x203;
    public static final int FDL_INT = 0x8001ABCD;
    public static final int FDL_V2 = 0x218;
    public static final int EV = 0x204;
    public static final int EV_INT = 0x8010ABCD;
    public static final int EVF = 0x208;
    public static final int EV_V2 = 0x216;
    public static final int EVF_V2 = 0x217;
    public static final int EV_V2_LARGE = 0x221;
    public static final int EVF_V2_LARGE = 0x222;
    public static final int IL = 0x205;
    public static final int IL_INT = 0x8011ABCD;
    public static final int IL_V2 = 0x219;
    public static final int UL = 0x206;
    public static final int UL_INT = 0x8012ABCD;
    public static final int UL_V2 = 0x220;

    private BlockType() {
    }

    public static boolean isEvent(int type) {
        switch (type) {
            case EV: case EV_INT: case EVF: case EV_V2: case EVF_V2: case EV_V2_LARGE: case EVF_V2_LARGE:
                return true;
            default:
                return false;
        }
    }

    /** Event blocks whose event has the old 22-byte header without a parameter count. */
    public static boolean isV1Event(int type) {
        return type == EV || type == EV_INT || type == EVF;
    }

    /**
     * Where an event's header starts in a block of this type, from the block's start: after the
     * block header (type and length), the CPU number, and the dump flags when the type has them.
     */
    public static int eventHeader(int type) {
        return 8 + 2 + (hasDumpFlags(type) ? 4 : 0);
    }

    /** Event blocks that carry 32 bits of dump flags after the cpu number. */
    public static boolean hasDumpFlags(int type) {
        return type == EVF || type == EVF_V2 || type == EVF_V2_LARGE;
    }

    /** Process-list version 1..9, or 0 when the type is not a process list. */
    public static int processListVersion(int type) {
        switch (type) {
            case PL_V1: case PL_V1_INT: return 1;
            case PL_V2: case PL_V2_INT: return 2;
            case PL_V3: case PL_V3_INT: return 3;
            case PL_V4: return 4;
            case PL_V5: return 5;
            case PL_V6: return 6;
            case PL_V7: return 7;
            case PL_V8: return 8;
            case PL_V9: return 9;
            default: return 0;
        }
    }

    /** Whether the block is a thread's descriptor list, in any of its layouts. */
    public static boolean isFdList(int type) {
        return type == FDL || type == FDL_INT || type == FDL_V2;
    }

    /** Whether the block is the interface list, in any of its layouts. */
    public static boolean isInterfaceList(int type) {
        return type == IL || type == IL_INT || type == IL_V2;
    }

    /** Whether the block is the user and group list, in any of its layouts. */
    public static boolean isUserList(int type) {
        return type == UL || type == UL_INT || type == UL_V2;
    }

    /**
     * pcapng's interface description, packet and simple packet blocks: a network capture (Wireshark,
     * tcpdump) begins with the same section header block as a system-call capture.
     */
    public static boolean isPacketBlock(int type) {
        return type == 0x1 || type == 0x2 || type == 0x3 || type == 0x6;
    }

    public static boolean isKnown(int type) {
        return name(type) != null;
    }

    /** A short name for a block type ({@code PL_V9}, {@code EV_V2_LARGE}, ...), or null for an unknown type. */
    public static String name(int type) {
        switch (type) {
            case SHB: return "SHB";
            case MI: return "MI";
            case MI_INT: return "MI_INT";
            case PL_V1: return "PL_V1";
            case PL_V1_INT: return "PL_V1_INT";
            case PL_V2: return "PL_V2";
            case PL_V2_INT: return "PL_V2_INT";
            case PL_V3: return "PL_V3";
            case PL_V3_INT: return "PL_V3_INT";
            case PL_V4: return "PL_V4";
            case PL_V5: return "PL_V5";
            case PL_V6: return "PL_V6";
            case PL_V7: return "PL_V7";
            case PL_V8: return "PL_V8";
            case PL_V9: return "PL_V9";
            case FDL: return "FDL";
            case FDL_INT: return "FDL_INT";
            case FDL_V2: return "FDL_V2";
            case EV: return "EV";
            case EV_INT: return "EV_INT";
            case EVF: return "EVF";
            case EV_V2: return "EV_V2";
            case EVF_V2: return "EVF_V2";
            case EV_V2_LARGE: return "EV_V2_LARGE";
            case EVF_V2_LARGE: return "EVF_V2_LARGE";
            case IL: return "IL";
            case IL_INT: return "IL_INT";
            case IL_V2: return "IL_V2";
            case UL: return "UL";
            case UL_INT: return "UL_INT";
            case UL_V2: return "UL_V2";
            default: return null;
        }
    }

    /** The name, or the number in hex for a type this reader does not know. */
    public static String describe(int type) {
        String name = name(type);
        return name != null ? name : String.format("0x%08X", type);
    }
}
