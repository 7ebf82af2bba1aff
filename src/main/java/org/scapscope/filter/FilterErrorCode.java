package org.scapscope.filter;

/** What is wrong with a filter expression; each code names one kind of mistake. */
public enum FilterErrorCode {
    EMPTY_FILTER("the filter is empty"),
    TOO_LONG("the filter is too long"),
    TOO_DEEP("the filter nests too deeply"),
    UNCLOSED_QUOTE("a quoted value is not closed"),
    BAD_ESCAPE("a quoted value has a bad escape sequence"),
    UNEXPECTED_TOKEN("something unexpected"),
    UNEXPECTED_END("the filter ends too early"),
    UNCLOSED_PAREN("a parenthesis is not closed"),
    EXPECTED_OPERATOR("a comparison operator is missing"),
    EXPECTED_VALUE("a value is missing"),
    EXPECTED_LIST("a list of values is missing"),
    UNKNOWN_FIELD("the field does not exist"),
    BAD_ARGUMENT("the field's argument is wrong"),
    BAD_OPERATOR("the operator does not apply to the field"),
    BAD_VALUE("the value does not fit the field"),
    BAD_TRANSFORMER("the transformer does not apply to the field"),
    UNKNOWN_MACRO("the macro or list does not exist"),
    MACRO_CYCLE("a macro or list refers to itself"),
    BAD_RULES("a rules file is wrong");

    private final String summary;

    FilterErrorCode(String summary) {
        this.summary = summary;
    }

    /** A short, general description of the mistake. */
    public String summary() {
        return summary;
    }
}
