/* text_decode.c - see text_decode.h. */
#include "text_decode.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "initiative_check.h"

static const char how_to_save[] =
    "Hãy mở tệp và lưu lại dạng UTF-8: trong Excel chọn Lưu thành > “Văn bản Unicode "
    "(*.txt)” hoặc “CSV UTF-8”; trong Notepad chọn Mã hóa: UTF-8; tệp gõ bằng phông "
    ".VnTime (TCVN3) thì chuyển mã sang Unicode (ví dụ bằng Unikey) trước";

const char *text_encoding_name(enum text_encoding e)
{
	switch (e) {
	case TEXT_UTF8_BOM:
		return "UTF-8 có BOM";
	case TEXT_UTF16LE_BOM:
		return "UTF-16 (Unicode Text của Excel)";
	case TEXT_UTF16BE_BOM:
		return "UTF-16 big-endian";
	default:
		return "UTF-8";
	}
}

/* Where UTF-8 first breaks (len when it does not). */
static size_t first_bad(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t n = s[i] < 0x80 ? 1 : s[i] >= 0xf0 ? 4 : s[i] >= 0xe0 ? 3 : 2;

		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (n > len - i || !utf8_is_valid((const char *)s + i, n, NULL))
			return i;
		i += n;
	}
	return len;
}

/*
 * Which legacy encoding non-UTF-8 Vietnamese text is likely in.  TCVN3
 * puts its base letters (ă â ê ô ơ ư đ, and in its VN1 form the capitals)
 * and many toned ones at 0x80-0xBF, where Windows-1258 has only symbols;
 * but most toned letters of TCVN3 are at 0xC0-0xFE too, where Windows-1258
 * writes all its letters.  So any real share of bytes below 0xC0 (a
 * quarter) means TCVN3; Windows-1258 text has almost none.
 */
static const char *legacy_guess(const unsigned char *s, size_t len)
{
	size_t low = 0, high = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] >= 0x80 && s[i] <= 0xbf)
			low++;
		else if (s[i] >= 0xc0)
			high++;
	}
	return low * 4 >= low + high && low > 0 ? "TCVN3 (ABC)" : "Windows-1258";
}

static int put_utf8(uint32_t cp, char *out, size_t *n)
{
	if (cp < 0x80) {
		out[(*n)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*n)++] = (char)(0xc0 | (cp >> 6));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*n)++] = (char)(0xe0 | (cp >> 12));
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*n)++] = (char)(0xf0 | (cp >> 18));
		out[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*n)++] = (char)(0x80 | (cp & 0x3f));
	}
	return 0;
}

static int from_utf16(const unsigned char *s, size_t len, bool le, char **out, size_t *outlen,
		      char *err, size_t errlen)
{
	char *buf;
	size_t n = 0;

	if (len % 2 != 0) {
		snprintf(err, errlen, "tệp UTF-16 bị cắt dở (số byte lẻ)");
		return -1;
	}
	/* A UTF-16 unit becomes at most 3 UTF-8 bytes (a pair: 4 for 2 units). */
	if (len / 2 > (SIZE_MAX - 1) / 3 || (buf = malloc(len / 2 * 3 + 1)) == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		return -1;
	}
	for (size_t i = 0; i < len; i += 2) {
		uint32_t u =
		    le ? (uint32_t)(s[i] | s[i + 1] << 8) : (uint32_t)(s[i] << 8 | s[i + 1]);

		if (u >= 0xd800 && u <= 0xdbff && i + 3 < len) {
			uint32_t lo = le ? (uint32_t)(s[i + 2] | s[i + 3] << 8)
					 : (uint32_t)(s[i + 2] << 8 | s[i + 3]);

			if (lo >= 0xdc00 && lo <= 0xdfff) {
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			}
		}
		if ((u >= 0xd800 && u <= 0xdfff) || u == 0) {
			free(buf);
			snprintf(err, errlen,
				 u == 0 ? "tệp có ký tự NUL (không phải văn bản)"
					: "tệp UTF-16 hỏng ở byte %zu",
				 i);
			return -1;
		}
		put_utf8(u, buf, &n);
	}
	buf[n] = '\0';
	*out = buf;
	*outlen = n;
	return 0;
}

int text_decode(const unsigned char *data, size_t len, char **out, size_t *outlen,
		enum text_encoding *enc, char *err, size_t errlen)
{
	size_t bad;

	*out = NULL;
	*outlen = 0;
	if (len >= 2 && data[0] == 0xff && data[1] == 0xfe) {
		*enc = TEXT_UTF16LE_BOM;
		return from_utf16(data + 2, len - 2, true, out, outlen, err, errlen);
	}
	if (len >= 2 && data[0] == 0xfe && data[1] == 0xff) {
		*enc = TEXT_UTF16BE_BOM;
		return from_utf16(data + 2, len - 2, false, out, outlen, err, errlen);
	}
	*enc = TEXT_UTF8;
	if (len >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf) {
		*enc = TEXT_UTF8_BOM;
		data += 3;
		len -= 3;
	}
	if (memchr(data, 0, len) != NULL) {
		snprintf(err, errlen,
			 "tệp có ký tự NUL: không phải văn bản, hoặc là UTF-16 không có BOM. %s",
			 how_to_save);
		return -1;
	}
	bad = first_bad(data, len);
	if (bad < len) {
		size_t line = 1;

		for (size_t i = 0; i < bad; i++)
			line += data[i] == '\n';
		snprintf(err, errlen,
			 "tệp không phải UTF-8 (dòng %zu, byte %zu); có lẽ là bảng mã cũ %s. %s",
			 line, bad + 1, legacy_guess(data, len), how_to_save);
		return -1;
	}
	if ((*out = malloc(len + 1)) == NULL) {
		snprintf(err, errlen, "hết bộ nhớ");
		return -1;
	}
	memcpy(*out, data, len);
	(*out)[len] = '\0';
	*outlen = len;
	return 0;
}
