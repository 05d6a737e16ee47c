/*
 * prompt.h - asking the user for missing fields on a terminal.  Questions go
 * to stderr so stdout stays clean for the command's result.
 */
#ifndef SANGKIEN_PROMPT_H
#define SANGKIEN_PROMPT_H

#include <stdbool.h>
#include <stdio.h>

/* True when stdin is a terminal: only then may a command prompt. */
bool prompt_available(void);

/*
 * Print label, read one line from in.  *out is a new string (the line without
 * its newline, surrounding white space trimmed; may be "") the caller frees.
 * Returns 0, or -1 at end of input or on error (*out NULL).
 */
int prompt_line(FILE *in, const char *label, char **out);

/*
 * Read several lines until an empty line; they are joined with "\n" and
 * trimmed.  For multi-paragraph fields such as the summary.  Returns 0 or
 * -1 (end of input before any line, or out of memory).
 */
int prompt_text(FILE *in, const char *label, char **out);

#endif
