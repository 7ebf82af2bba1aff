package org.scapscope.scap;

/** How the schema asks a numeric parameter to be printed ({@code enum ppm_print_format}). */
public enum PrintFormat {
    NA, DEC, HEX, PADDED_DEC, ID, DIR, OCT;

    static PrintFormat byName(String name) {
        switch (name) {
            case "PF_DEC": return DEC;
            case "PF_HEX": return HEX;
            case "PF_10_PADDED_DEC": return PADDED_DEC;
            case "PF_ID": return ID;
            case "PF_DIR": return DIR;
            case "PF_OCT": return OCT;
            default: return NA;
        }
    }
}
