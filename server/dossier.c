/* dossier.c - see dossier.h. */
#include "dossier.h"

#include <stdio.h>
#include <string.h>

#include "hex.h"
#include "initiative_check.h"

uint32_t dossier_chunk_limit(const struct conn *c)
{
	uint32_t frame = conn_frame_limit(c);
	return frame > DOSSIER_CHUNK_OVERHEAD ? frame - DOSSIER_CHUNK_OVERHEAD : 0;
}

bool dossier_sha_valid(ProtobufCBinaryData b)
{
	return b.len == DOSSIER_SHA256_BYTES && b.data != NULL;
}

void dossier_sha_sql(const uint8_t sha[DOSSIER_SHA256_BYTES], char out[DOSSIER_SHA_SQL_LEN + 1])
{
	hex_bytea_literal(sha, DOSSIER_SHA256_BYTES, out);
}

/* UTF-8 text of min..max code points without control characters (and,
 * when `forbidden` is not NULL, none of its bytes). */
static bool text_check(const char *s, size_t min, size_t max, const char *forbidden, char *reason,
		       size_t len)
{
	size_t n = s ? strlen(s) : 0, cps = 0;
	if (n > 0 && !utf8_is_valid(s, n, &cps)) {
		snprintf(reason, len, "is not valid UTF-8");
		return false;
	}
	if (cps < min || cps > max) {
		snprintf(reason, len, "has %zu characters, %zu to %zu allowed", cps, min, max);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x20 || ch == 0x7f) {
			snprintf(reason, len, "contains a control character (byte %zu)", i);
			return false;
		}
		if (forbidden != NULL && strchr(forbidden, ch) != NULL) {
			snprintf(reason, len, "contains '%c' (byte %zu)", ch, i);
			return false;
		}
	}
	return true;
}

bool dossier_file_name_check(const char *name, char *reason, size_t len)
{
	return text_check(name, 1, DOSSIER_FILE_NAME_MAX, "/\\", reason, len);
}

bool dossier_label_check(const char *label, char *reason, size_t len)
{
	return text_check(label, 0, DOSSIER_LABEL_MAX, NULL, reason, len);
}
