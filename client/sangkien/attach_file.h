/*
 * attach_file.h - a file on its way into a dossier: copied into the store's
 * folder as it is read (a bounded buffer, whatever its size), its SHA-256
 * and size taken on the way, its type judged on the copy by content
 * (proto/file_type.h), the copy on disk before anything is recorded.  Also
 * the reading of a kept file for upload and the sizes as people read them.
 */
#ifndef SANGKIEN_ATTACH_FILE_H
#define SANGKIEN_ATTACH_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "file_type.h"
#include "platform.h"

/* The copies being written into STORE.files are sk_temp_beside() of this
 * name there; one a stopped program left is removed by store_open. */
#define ATTACH_INCOMING_NAME "incoming"
#define ATTACH_INCOMING_PREFIX ATTACH_INCOMING_NAME SK_TEMP_INFIX

/* Bytes read and written at a time. */
#define ATTACH_COPY_BUFFER (64u * 1024u)

enum attach_copy_status {
	ATTACH_COPY_OK = 0,
	ATTACH_COPY_TOO_LARGE,	   /* more than max_bytes */
	ATTACH_COPY_WRONG_TYPE,	   /* not an accepted type by content */
	ATTACH_COPY_EMPTY,	   /* no bytes at all */
	ATTACH_COPY_IO,		   /* could not read the file or write the copy: err says */
	ATTACH_COPY_FAR_DIRECTORY, /* an office archive whose directory starts too far
				    * from its end (proto/file_type.h) */
};

struct attach_copy {
	char *tmp_path; /* the copy, synced to disk; NULL when none */
	uint64_t size;
	uint8_t sha256[32];
	enum file_type type;
};

/*
 * Copy the file at src (UTF-8 path) into folder dir (created, owner-only,
 * when missing) under a temporary name, refusing it as soon as it passes
 * max_bytes (a file's size is looked at first, so a huge file is refused
 * without being read).  On ATTACH_COPY_OK out holds the copy; on any other
 * status nothing is left behind and err (Vietnamese) says why for IO.
 */
enum attach_copy_status attach_copy_in(const char *src, const char *dir, uint64_t max_bytes,
				       struct attach_copy *out, char *err, size_t errlen);

/*
 * The same for a copy written elsewhere (the page sends a file in pieces):
 * c->tmp_path names it, written whole and closed; it is synced, and its
 * size, SHA-256 and type are taken.  On a status other than OK the copy is
 * removed (attach_copy_discard).
 */
enum attach_copy_status attach_copy_adopt(struct attach_copy *c, uint64_t max_bytes, char *err,
					  size_t errlen);

/* Remove the temporary copy (if still there) and free. */
void attach_copy_discard(struct attach_copy *c);

/* The type of an open file by content (reads only what file_type needs). */
enum file_type attach_file_type(FILE *f, uint64_t size, bool *io_error, bool *far_directory);

/* SHA-256 of the whole open file, read in ATTACH_COPY_BUFFER pieces.
 * Returns 0, or -1 on a read error. */
int attach_file_sha256(FILE *f, uint8_t out[32], uint64_t *size);

/* The last part of a path ("C:\\Hồ sơ\\tờ trình.pdf" -> "tờ trình.pdf"). */
const char *attach_base_name(const char *path);

/* A size as Windows shows it to the office (1 MB = 1,048,576 bytes, a
 * decimal comma): "512 byte", "12,5 KB", "20 MB", "1,2 GB". */
void attach_size_text(uint64_t n, char *out, size_t outlen);

#endif
