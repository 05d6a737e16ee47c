/*
 * attachment_get.h - an initiative's dossier as an operator reads it
 * (PROTOCOL.md 10.6): its list, and one file downloaded chunk by chunk,
 * each reply checked as the server checks requests and the whole checked
 * against its SHA-256.  Shared by `sangkien-admin attachment` and the
 * console.  Messages are Vietnamese, without the program's name, and may
 * hold server text (filter them before a terminal or page shows them).
 */
#ifndef SANGKIEN_ATTACHMENT_GET_H
#define SANGKIEN_ATTACHMENT_GET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "net.h"
#include "sangkien.pb-c.h"

/* The largest file a download accepts, whatever the server says (the
 * protocol's max_file_bytes is at most 1 GiB). */
#define ATTACHMENT_MAX_BYTES (1024ull * 1024 * 1024)

/* The dossier of initiative uuid (a full uuid) in *out (wire_envelope_free;
 * its list_attachments_reply).  Returns an admin_exit status. */
int attachment_list(struct sk_conn *c, const char *uuid, Sangkien__Envelope **out, char *msg,
		    size_t msglen);

/* Called after each chunk written: bytes so far of size. */
typedef void (*attachment_progress_fn)(void *arg, uint64_t done, uint64_t size);

/*
 * Write file sha (32 bytes) of initiative uuid to f.  size is what the
 * list said; every reply must agree with it and with the offset asked
 * for, and the SHA-256 of all bytes must be sha, else the download fails
 * (ADMIN_EXIT_ERROR) and what was written must be thrown away.  progress
 * may be NULL.  Returns an admin_exit status.
 */
int attachment_download(struct sk_conn *c, const char *uuid, const uint8_t sha[32], uint64_t size,
			FILE *f, attachment_progress_fn progress, void *arg, char *msg,
			size_t msglen);

/* Where a download's bytes go, in order: false when they could not be
 * kept (the download then fails). */
typedef bool (*attachment_write_fn)(void *arg, const uint8_t *data, size_t len);

/* attachment_download to any sink: write(warg, ...) gets every chunk,
 * at most size bytes in all, before the SHA-256 of the whole is known. */
int attachment_download_to(struct sk_conn *c, const char *uuid, const uint8_t sha[32],
			   uint64_t size, attachment_write_fn write, void *warg,
			   attachment_progress_fn progress, void *arg, char *msg, size_t msglen);

/*
 * The same download a chunk at a time, for a caller that hands each chunk
 * on before it asks for the next (the console, streaming to a browser).
 * Every reply is checked as attachment_download checks it; the chunk that
 * completes the file is given only after the SHA-256 of the whole matched,
 * so a caller that holds nothing back still never passes on a wrong end.
 */
struct attachment_reader {
	char uuid[40];
	uint8_t sha[32];
	uint64_t size, done; /* bytes of the file; received, checked and hashed */
	void *md;	     /* the running SHA-256 (EVP_MD_CTX) */
};

/* Start reading file sha of uuid, of the listed size.  Returns an
 * admin_exit status (ADMIN_EXIT_ERROR: out of memory); on success
 * attachment_reader_free must follow. */
int attachment_reader_init(struct attachment_reader *d, const char *uuid, const uint8_t sha[32],
			   uint64_t size, char *msg, size_t msglen);

/* The next chunk, from d->done: *reply (wire_envelope_free) holds its
 * bytes, *data and *len point into it.  After the last one d->done ==
 * d->size.  Returns an admin_exit status; on failure *reply is NULL and
 * the download is over. */
int attachment_reader_next(struct attachment_reader *d, struct sk_conn *c,
			   Sangkien__Envelope **reply, const uint8_t **data, size_t *len, char *msg,
			   size_t msglen);

/* Up to max bytes from offset (checked like a chunk, not hashed: to judge
 * the file's type from its tail before its head is streamed). */
int attachment_reader_peek(const struct attachment_reader *d, struct sk_conn *c, uint64_t offset,
			   uint32_t max, Sangkien__Envelope **reply, const uint8_t **data,
			   size_t *len, char *msg, size_t msglen);

void attachment_reader_free(struct attachment_reader *d);

/* A file's SHA-256 as the commands and the console name it: 64 lower-case
 * hex digits; and back (false unless exactly that). */
void attachment_sha_hex(const uint8_t sha[32], char out[65]);
bool attachment_sha_parse(const char *hex, uint8_t out[32]);

/* A file name for the download made from the name the unit gave (server
 * text): path separators, control and reserved characters replaced by
 * '_', a leading '.' or an empty name replaced; at most 200 bytes. */
void attachment_safe_name(const char *name, char *out, size_t outlen);

#endif
