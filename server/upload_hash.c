/* upload_hash.c - see upload_hash.h.  OpenSSL's low-level SHA-256 is the
 * one of its interfaces whose state can be read and set (EVP's cannot);
 * it is deprecated in OpenSSL 3 but kept, and used here alone. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include "upload_hash.h"

#include <openssl/sha.h>
#include <string.h>

#define SAVED_VERSION 1

static void to_ctx(const struct upload_hash *s, SHA256_CTX *c)
{
	SHA256_Init(c);
	memcpy(c->h, s->h, sizeof(s->h));
	c->Nl = (SHA_LONG)(s->bytes << 3);
	c->Nh = (SHA_LONG)(s->bytes >> 29);
	c->num = (unsigned)(s->bytes % UPLOAD_HASH_BLOCK);
	/* OpenSSL keeps the pending bytes as bytes at the start of data. */
	memcpy(c->data, s->block, c->num);
}

static void from_ctx(const SHA256_CTX *c, struct upload_hash *s)
{
	memcpy(s->h, c->h, sizeof(s->h));
	s->bytes = (uint64_t)c->Nh << 29 | (uint64_t)c->Nl >> 3;
	memcpy(s->block, c->data, c->num);
}

void upload_hash_init(struct upload_hash *s)
{
	SHA256_CTX c;
	memset(s, 0, sizeof(*s));
	SHA256_Init(&c);
	from_ctx(&c, s);
}

void upload_hash_update(struct upload_hash *s, const void *p, size_t n)
{
	SHA256_CTX c;
	to_ctx(s, &c);
	SHA256_Update(&c, p, n);
	from_ctx(&c, s);
}

void upload_hash_digest(const struct upload_hash *s, uint8_t out[32])
{
	SHA256_CTX c;
	to_ctx(s, &c);
	SHA256_Final(out, &c);
}

static void put_be(uint8_t *p, uint64_t v, int n)
{
	for (int i = n - 1; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static uint64_t get_be(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

size_t upload_hash_save(const struct upload_hash *s, uint8_t out[UPLOAD_HASH_SAVED_MAX])
{
	size_t pending = (size_t)(s->bytes % UPLOAD_HASH_BLOCK);
	out[0] = SAVED_VERSION;
	for (int i = 0; i < 8; i++)
		put_be(out + 1 + 4 * i, s->h[i], 4);
	put_be(out + 33, s->bytes, 8);
	memcpy(out + UPLOAD_HASH_SAVED_MIN, s->block, pending);
	return UPLOAD_HASH_SAVED_MIN + pending;
}

bool upload_hash_load(struct upload_hash *s, const uint8_t *p, size_t n)
{
	if (n < UPLOAD_HASH_SAVED_MIN || p[0] != SAVED_VERSION)
		return false;
	memset(s, 0, sizeof(*s));
	for (int i = 0; i < 8; i++)
		s->h[i] = (uint32_t)get_be(p + 1 + 4 * i, 4);
	s->bytes = get_be(p + 33, 8);
	/* A byte count whose bit count overflows 64 bits is no file's. */
	if (s->bytes >> 61 != 0 || n != UPLOAD_HASH_SAVED_MIN + s->bytes % UPLOAD_HASH_BLOCK)
		return false;
	memcpy(s->block, p + UPLOAD_HASH_SAVED_MIN, n - UPLOAD_HASH_SAVED_MIN);
	return true;
}
