/*
 * dossier.h - the fixed limits of dossiers (PROTOCOL.md 10) in one place,
 * and what the dossier handlers share.  The tunable limits are settings
 * (max_file_bytes, max_dossier_bytes, max_unit_uploads, upload_abandon_s).
 */
#ifndef SK_DOSSIER_H
#define SK_DOSSIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "conn.h"

#define DOSSIER_SHA256_BYTES 32
/* Frame bytes kept for the envelope around a chunk's data. */
#define DOSSIER_CHUNK_OVERHEAD 1024u
/* Files on one initiative at most. */
#define DOSSIER_MAX_FILES 100
/* At a commit, chunk rows starting within this many bytes are read per
 * round trip: memory is this plus one chunk, whatever the file's size. */
#define DOSSIER_COMMIT_READ_BYTES (2u * 1024u * 1024u)
/* Attach.file_name and Attach.label, in characters. */
#define DOSSIER_FILE_NAME_MAX 255
#define DOSSIER_LABEL_MAX 200

/* The most file bytes one UploadChunk or FileChunkReply carries on c. */
uint32_t dossier_chunk_limit(const struct conn *c);

/* True when b holds exactly a SHA-256. */
bool dossier_sha_valid(ProtobufCBinaryData b);

/* The hash as a bytea text literal "\x<64 hex>" (a text parameter). */
#define DOSSIER_SHA_SQL_LEN (2 + 2 * DOSSIER_SHA256_BYTES)
void dossier_sha_sql(const uint8_t sha[DOSSIER_SHA256_BYTES], char out[DOSSIER_SHA_SQL_LEN + 1]);

/* Attach.file_name: 1..255 characters of UTF-8, no '/', '\' or control
 * characters; false with an English reason. */
bool dossier_file_name_check(const char *name, char *reason, size_t len);
/* Attach.label: 0..200 characters of UTF-8, one line. */
bool dossier_label_check(const char *label, char *reason, size_t len);

#endif
