/*
 * upload_hash.h - an upload's SHA-256 taken as its chunks are stored, with
 * a state that can be kept in the database beside the bytes
 * (dossier_files.hash_state, sql/020_upload_hash.sql), so that a commit
 * reads back only the bytes not hashed yet (PROTOCOL.md 10.4).
 *
 * The saved form is this project's own, not OpenSSL's memory layout: a
 * version byte, the eight chaining words (big-endian), the byte count
 * (big-endian), then the count % 64 bytes of the block not yet compressed.
 * upload_hash_load() takes only that exact shape.
 */
#ifndef SK_UPLOAD_HASH_H
#define SK_UPLOAD_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UPLOAD_HASH_BLOCK 64
#define UPLOAD_HASH_SAVED_MIN (1 + 32 + 8)
#define UPLOAD_HASH_SAVED_MAX (UPLOAD_HASH_SAVED_MIN + UPLOAD_HASH_BLOCK - 1)

/* The state after `bytes` bytes. */
struct upload_hash {
	uint32_t h[8];
	uint64_t bytes;
	uint8_t block[UPLOAD_HASH_BLOCK]; /* the first bytes % 64 are pending */
};

/* The state of no byte. */
void upload_hash_init(struct upload_hash *s);
void upload_hash_update(struct upload_hash *s, const void *p, size_t n);
/* The digest of the bytes so far (s is left as it was). */
void upload_hash_digest(const struct upload_hash *s, uint8_t out[32]);

/* The saved form into out; returns its length. */
size_t upload_hash_save(const struct upload_hash *s, uint8_t out[UPLOAD_HASH_SAVED_MAX]);
/* False when p, n is not a saved form (s is then undefined). */
bool upload_hash_load(struct upload_hash *s, const uint8_t *p, size_t n);

#endif
