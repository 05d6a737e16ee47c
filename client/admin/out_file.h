/*
 * out_file.h - where a command writes its document: standard output, or a
 * file that appears whole or not at all (written to a temporary file
 * beside it, renamed over it when complete), so an interrupted export
 * never leaves half a report that looks finished.
 */
#ifndef SANGKIEN_OUT_FILE_H
#define SANGKIEN_OUT_FILE_H

#include <stdio.h>

struct out_file {
	FILE *f;    /* write here */
	char *path; /* NULL: standard output */
	char *tmp;  /* the temporary file */
};

/* Open path (NULL or "-": standard output).  Returns 0, or -1 with a
 * Vietnamese message on stderr. */
int out_file_open(struct out_file *of, const char *path, const char *cmd);

/* For a writer that opens files by name (libxlsxwriter): the temporary
 * file of->tmp is made (mode 0644) and closed, of->f stays NULL; the writer
 * fills of->tmp, then out_file_commit() puts it in place.  path must be a
 * file name (not NULL or "-").  Returns 0, or -1 with a message on stderr. */
int out_file_open_named(struct out_file *of, const char *path, const char *cmd);

/* Flush, close and put the file in place.  Returns 0, or -1 with a
 * message on stderr (nothing is left behind). */
int out_file_commit(struct out_file *of, const char *cmd);

/* Give up: remove the temporary file.  Safe after commit and on a zeroed
 * struct. */
void out_file_abort(struct out_file *of);

#endif
