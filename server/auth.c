/* auth.c - see auth.h. */
#include "auth.h"

#include <openssl/rand.h>
#include <openssl/sha.h>
#include <string.h>

#include "hex.h"

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* Unpadded base64url of exactly 32 bytes: 43 characters. */
static void encode_b64url32(const uint8_t in[AUTH_SECRET_BYTES], char *out)
{
	size_t o = 0;
	size_t i = 0;
	for (; i + 3 <= AUTH_SECRET_BYTES; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		out[o++] = b64url[(v >> 18) & 63];
		out[o++] = b64url[(v >> 12) & 63];
		out[o++] = b64url[(v >> 6) & 63];
		out[o++] = b64url[v & 63];
	}
	/* 32 = 30 + 2: two bytes left, three characters. */
	uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
	out[o++] = b64url[(v >> 18) & 63];
	out[o++] = b64url[(v >> 12) & 63];
	out[o++] = b64url[(v >> 6) & 63];
	out[o] = '\0';
}

static int b64url_value(char c)
{
	const char *p = c ? strchr(b64url, c) : NULL;
	return p ? (int)(p - b64url) : -1;
}

static bool decode_b64url32(const char *in, uint8_t out[AUTH_SECRET_BYTES])
{
	size_t o = 0;
	size_t i = 0;
	for (; i + 4 <= 40; i += 4) {
		int a = b64url_value(in[i]), b = b64url_value(in[i + 1]);
		int c = b64url_value(in[i + 2]), d = b64url_value(in[i + 3]);
		if (a < 0 || b < 0 || c < 0 || d < 0)
			return false;
		uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)d;
		out[o++] = (uint8_t)(v >> 16);
		out[o++] = (uint8_t)(v >> 8);
		out[o++] = (uint8_t)v;
	}
	int a = b64url_value(in[40]), b = b64url_value(in[41]);
	int c = b64url_value(in[42]);
	if (a < 0 || b < 0 || c < 0)
		return false;
	/* The last character carries two unused bits: they must be zero, so
	 * each secret has exactly one text form. */
	if ((c & 3) != 0)
		return false;
	uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6;
	out[o++] = (uint8_t)(v >> 16);
	out[o++] = (uint8_t)(v >> 8);
	return o == AUTH_SECRET_BYTES;
}

bool auth_credential_generate(char out[AUTH_CREDENTIAL_LEN + 1], uint8_t digest[AUTH_DIGEST_BYTES])
{
	uint8_t secret[AUTH_SECRET_BYTES];
	if (RAND_bytes(secret, sizeof(secret)) != 1)
		return false;
	memcpy(out, AUTH_CREDENTIAL_PREFIX, strlen(AUTH_CREDENTIAL_PREFIX));
	encode_b64url32(secret, out + strlen(AUTH_CREDENTIAL_PREFIX));
	SHA256(secret, sizeof(secret), digest);
	memset(secret, 0, sizeof(secret));
	return true;
}

bool auth_credential_digest(const char *text, uint8_t digest[AUTH_DIGEST_BYTES])
{
	size_t plen = strlen(AUTH_CREDENTIAL_PREFIX);
	if (text == NULL || strlen(text) != AUTH_CREDENTIAL_LEN ||
	    strncmp(text, AUTH_CREDENTIAL_PREFIX, plen) != 0)
		return false;
	uint8_t secret[AUTH_SECRET_BYTES];
	if (!decode_b64url32(text + plen, secret))
		return false;
	SHA256(secret, sizeof(secret), digest);
	memset(secret, 0, sizeof(secret));
	return true;
}

bool auth_enroll_generate(char out[AUTH_ENROLL_DISPLAY_LEN + 1], uint8_t digest[AUTH_DIGEST_BYTES])
{
	uint8_t rnd[AUTH_ENROLL_CHARS];
	char plain[AUTH_ENROLL_CHARS + 1];
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return false;
	/* 32 symbols divide 256: masking keeps every symbol equally likely. */
	for (size_t i = 0; i < AUTH_ENROLL_CHARS; i++)
		plain[i] = AUTH_ENROLL_ALPHABET[rnd[i] & 31];
	plain[AUTH_ENROLL_CHARS] = '\0';
	size_t o = 0;
	for (size_t i = 0; i < AUTH_ENROLL_CHARS; i++) {
		if (i > 0 && i % 4 == 0)
			out[o++] = '-';
		out[o++] = plain[i];
	}
	out[o] = '\0';
	auth_enroll_digest(plain, digest);
	return true;
}

bool auth_enroll_normalize(const char *typed, char out[AUTH_ENROLL_CHARS + 1])
{
	size_t n = 0;
	for (const char *p = typed; *p; p++) {
		char c = *p;
		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (strchr(AUTH_ENROLL_ALPHABET, c) == NULL || n == AUTH_ENROLL_CHARS)
			return false;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == AUTH_ENROLL_CHARS;
}

void auth_enroll_digest(const char normalized[AUTH_ENROLL_CHARS + 1],
			uint8_t digest[AUTH_DIGEST_BYTES])
{
	SHA256((const unsigned char *)normalized, AUTH_ENROLL_CHARS, digest);
}

void auth_digest_sql(const uint8_t digest[AUTH_DIGEST_BYTES], char out[AUTH_DIGEST_SQL_LEN + 1])
{
	hex_bytea_literal(digest, AUTH_DIGEST_BYTES, out);
}
