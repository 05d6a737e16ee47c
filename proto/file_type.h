/*
 * file_type.h - the one rule for which files a dossier accepts, judged by
 * content, never by name: PDF, JPEG, PNG, WebP, and the office formats
 * DOCX, ODT and XLSX (ZIP archives, told apart by their entries).  The
 * client applies it when a file is attached, the server again when an
 * upload is committed.
 *
 * Memory and reads are bounded whatever the file's size: the sniffer reads
 * the first FILE_TYPE_HEAD_BYTES, and for a ZIP archive its end (the
 * end-of-central-directory record, within FILE_TYPE_TAIL_BYTES of the end)
 * and the central directory's entry headers, a few bytes of each, up to
 * FILE_TYPE_ZIP_MAX_ENTRIES of them.  It never inflates anything.
 *
 * The rules:
 * - PDF: "%PDF-" at offset 0.
 * - JPEG: FF D8 FF at offset 0.
 * - PNG: the 8-byte PNG signature followed by an IHDR chunk.
 * - WebP: "RIFF", a length, "WEBP" and a VP8 / VP8L / VP8X chunk.
 * - ODT: a ZIP whose first entry is "mimetype", stored (not compressed),
 *   holding exactly "application/vnd.oasis.opendocument.text" (ODF 1.2,
 *   section 3.3), with a "content.xml" entry.
 * - DOCX: a ZIP with a "[Content_Types].xml" entry and "word/document.xml".
 * - XLSX: a ZIP with a "[Content_Types].xml" entry and "xl/workbook.xml".
 *   An archive with both "word/" and "xl/" main parts is refused.
 * - Every ZIP: its central directory starts within the last
 *   FILE_TYPE_TAIL_BYTES (so the server, which keeps only the head and the
 *   tail of an upload, judges as the client does); one that starts earlier
 *   (a long archive comment, a very large directory) is refused even when
 *   an office program opens it.
 * Anything else (including other ZIPs, encrypted office files, which are
 * OLE containers, and truncated archives) is FILE_TYPE_UNKNOWN.
 */
#ifndef SANGKIEN_FILE_TYPE_H
#define SANGKIEN_FILE_TYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* winbase.h (Windows) has a macro of this name, GetFileType()'s 0: the
 * same value, so this enumerator stands for both. */
#undef FILE_TYPE_UNKNOWN
enum file_type {
	FILE_TYPE_UNKNOWN = 0,
	FILE_TYPE_PDF,
	FILE_TYPE_JPEG,
	FILE_TYPE_PNG,
	FILE_TYPE_WEBP,
	FILE_TYPE_DOCX,
	FILE_TYPE_ODT,
	FILE_TYPE_XLSX,
};
#define FILE_TYPE_COUNT 8

/* How much of the start and the end of a file the sniffer may read. */
#define FILE_TYPE_HEAD_BYTES 4096u
#define FILE_TYPE_TAIL_BYTES (65535u + 22u + 20u) /* EOCD comment, EOCD, ZIP64 locator */
/* Central directory entries looked at, at most (an office file has tens). */
#define FILE_TYPE_ZIP_MAX_ENTRIES 65535u

/*
 * Where the bytes come from: read up to len bytes at offset into buf,
 * returning how many were read (fewer at the end of the file, or where the
 * source holds no more from that offset on) or -1 on an error.  size is
 * the file's length in bytes.
 */
struct file_type_source {
	ptrdiff_t (*read)(void *arg, uint64_t offset, void *buf, size_t len);
	void *arg;
	uint64_t size;
};

/* The type of the file src reads, FILE_TYPE_UNKNOWN when it is none of the
 * accepted ones.  *io_error (may be NULL) is set when a read failed (the
 * type is then UNKNOWN). */
enum file_type file_type_sniff(const struct file_type_source *src, bool *io_error);
/* The same, and *far_directory (may be NULL) true when the file is refused
 * only for an archive directory that starts before its last
 * FILE_TYPE_TAIL_BYTES (the rule above), so that the refusal can say so. */
enum file_type file_type_sniff_why(const struct file_type_source *src, bool *io_error,
				   bool *far_directory);

/* The same over a whole file in memory (tests, small files). */
enum file_type file_type_of_buffer(const void *data, size_t len);

/*
 * The same from a file's first head_len and last tail_len bytes only (for a
 * peer that holds an upload in pieces): head is bytes [0, head_len), tail
 * is bytes [size - tail_len, size).  Bytes between them are missing, so an
 * archive whose central directory does not lie within the tail is UNKNOWN.
 * With head_len >= min(size, FILE_TYPE_HEAD_BYTES), tail_len >=
 * min(size, FILE_TYPE_TAIL_BYTES) and a central directory inside that tail,
 * the result is file_type_sniff's over the whole file.  *far_directory (may
 * be NULL) as for file_type_sniff_why.
 */
enum file_type file_type_of_parts(const void *head, size_t head_len, const void *tail,
				  size_t tail_len, uint64_t size, bool *far_directory);

/* "pdf", "jpeg", "png", "webp", "docx", "odt", "xlsx" (NULL for UNKNOWN or
 * a value out of range): the code kept in stores and sent on the wire. */
const char *file_type_code(enum file_type t);

/* The type named by a code above; false when none is. */
bool file_type_parse(const char *code, enum file_type *out);

/* The MIME type ("application/pdf", ...), NULL for UNKNOWN. */
const char *file_type_mime(enum file_type t);

/* A name for people ("PDF", "Word (DOCX)", "ảnh JPEG", ...), Vietnamese. */
const char *file_type_label(enum file_type t);

/* The accepted types for messages: "PDF, JPEG, PNG, WebP, DOCX, ODT, XLSX". */
extern const char file_type_accepted_list[];

#endif
