/*
 * text_decode.h - the bytes of a text file that office staff saved, as
 * UTF-8: what Notepad and Excel write (UTF-8 with or without a BOM, Excel's
 * "Unicode Text" which is UTF-16 little-endian with a BOM, UTF-16
 * big-endian with a BOM).  A file in a legacy Vietnamese encoding
 * (Windows-1258, TCVN3/ABC) is not guessed into text: it is named, with
 * how to save it again as UTF-8.
 */
#ifndef SANGKIEN_TEXT_DECODE_H
#define SANGKIEN_TEXT_DECODE_H

#include <stddef.h>

enum text_encoding {
	TEXT_UTF8 = 0,
	TEXT_UTF8_BOM,
	TEXT_UTF16LE_BOM,
	TEXT_UTF16BE_BOM,
};

/* "UTF-8", "UTF-8 có BOM", "UTF-16 (Unicode Text)", ... */
const char *text_encoding_name(enum text_encoding e);

/*
 * Decode data (len bytes) into *out: a new NUL-terminated UTF-8 string
 * without a BOM (*outlen its length), *enc what the file was.  Returns 0,
 * or -1 with a Vietnamese message in err: not UTF-8 (with the likely
 * legacy encoding and how to save the file as UTF-8), a NUL byte, broken
 * UTF-16, or out of memory.
 */
int text_decode(const unsigned char *data, size_t len, char **out, size_t *outlen,
		enum text_encoding *enc, char *err, size_t errlen);

#endif
