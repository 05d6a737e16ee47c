/* file_type.c - see file_type.h. */
#include "file_type.h"

#include <stdlib.h>
#include <string.h>

/* ---- reading through a small window ---- */

/* Sequential reads of the central directory go through one buffer, so an
 * archive of thousands of entries costs a few reads, not two per entry. */
#define WINDOW_BYTES 4096u

struct reader {
	const struct file_type_source *src;
	uint8_t win[WINDOW_BYTES];
	uint64_t win_off;
	size_t win_len;
	bool io_error;
	bool far_directory; /* an archive whose directory starts before the tail */
};

/* Bytes [off, off + n) (n <= WINDOW_BYTES) of the file, or NULL when they
 * are not all there. */
static const uint8_t *reader_get(struct reader *r, uint64_t off, size_t n)
{
	ptrdiff_t got;

	if (n > WINDOW_BYTES || off > r->src->size || r->src->size - off < n)
		return NULL;
	if (off >= r->win_off && off - r->win_off + n <= r->win_len)
		return r->win + (off - r->win_off);
	got = r->src->read(r->src->arg, off, r->win, WINDOW_BYTES);
	if (got < 0) {
		r->io_error = true;
		r->win_len = 0;
		return NULL;
	}
	r->win_off = off;
	r->win_len = (size_t)got;
	return r->win_len >= n ? r->win : NULL;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* ---- the simple signatures ---- */

static enum file_type sniff_signature(const uint8_t *h, size_t n)
{
	static const uint8_t png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

	if (n >= 5 && memcmp(h, "%PDF-", 5) == 0)
		return FILE_TYPE_PDF;
	if (n >= 3 && h[0] == 0xff && h[1] == 0xd8 && h[2] == 0xff)
		return FILE_TYPE_JPEG;
	/* The first chunk must be IHDR, 13 bytes long. */
	if (n >= 16 && memcmp(h, png, 8) == 0 && le32(h + 8) == 0x0d000000u &&
	    memcmp(h + 12, "IHDR", 4) == 0)
		return FILE_TYPE_PNG;
	if (n >= 16 && memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WEBP", 4) == 0 &&
	    (memcmp(h + 12, "VP8 ", 4) == 0 || memcmp(h + 12, "VP8L", 4) == 0 ||
	     memcmp(h + 12, "VP8X", 4) == 0))
		return FILE_TYPE_WEBP;
	return FILE_TYPE_UNKNOWN;
}

/* ---- ZIP archives (APPNOTE.TXT 6.3) ---- */

#define ZIP_LOCAL_SIG 0x04034b50u
#define ZIP_CENTRAL_SIG 0x02014b50u
#define ZIP_EOCD_SIG 0x06054b50u
#define ZIP64_LOCATOR_SIG 0x07064b50u
#define ZIP64_EOCD_SIG 0x06064b50u
#define ZIP_LOCAL_LEN 30u
#define ZIP_CENTRAL_LEN 46u
#define ZIP_EOCD_LEN 22u
#define ZIP64_LOCATOR_LEN 20u
#define ZIP64_EOCD_LEN 56u

static const char odt_mimetype[] = "application/vnd.oasis.opendocument.text";

struct zip_dir {
	uint64_t offset, size, entries;
};

/* Find the end-of-central-directory record in the file's last bytes and
 * read where the central directory is.  False when there is none, or it
 * does not lie inside the file before the record, or it (or a ZIP64 end
 * record) starts before the last FILE_TYPE_TAIL_BYTES (r->far_directory):
 * what a peer holding only the head and the tail could not read. */
static bool zip_find_directory(struct reader *r, struct zip_dir *d)
{
	uint64_t size = r->src->size, start, eocd = 0;
	size_t len;
	uint8_t *tail;
	ptrdiff_t got;
	bool found = false;

	if (size < ZIP_EOCD_LEN)
		return false;
	len = size < FILE_TYPE_TAIL_BYTES ? (size_t)size : FILE_TYPE_TAIL_BYTES;
	start = size - len;
	if ((tail = malloc(len)) == NULL) {
		r->io_error = true;
		return false;
	}
	got = r->src->read(r->src->arg, start, tail, len);
	if (got < 0)
		r->io_error = true;
	/* The last record whose comment runs exactly to the end of the file. */
	for (size_t i = got == (ptrdiff_t)len ? len - ZIP_EOCD_LEN + 1 : 0; i-- > 0;) {
		if (le32(tail + i) == ZIP_EOCD_SIG &&
		    i + ZIP_EOCD_LEN + le16(tail + i + 20) == len) {
			eocd = start + i;
			d->entries = le16(tail + i + 10);
			d->size = le32(tail + i + 12);
			d->offset = le32(tail + i + 16);
			found = true;
			break;
		}
	}
	free(tail);
	if (!found)
		return false;
	if (d->offset == 0xffffffffu || d->size == 0xffffffffu || d->entries == 0xffffu) {
		const uint8_t *p;
		uint64_t z;

		if (eocd < ZIP64_LOCATOR_LEN ||
		    (p = reader_get(r, eocd - ZIP64_LOCATOR_LEN, ZIP64_LOCATOR_LEN)) == NULL ||
		    le32(p) != ZIP64_LOCATOR_SIG)
			return false;
		z = le64(p + 8);
		if (z < start)
			r->far_directory = true;
		if (z > eocd - ZIP64_LOCATOR_LEN || z < start ||
		    (p = reader_get(r, z, ZIP64_EOCD_LEN)) == NULL || le32(p) != ZIP64_EOCD_SIG)
			return false;
		d->entries = le64(p + 32);
		d->size = le64(p + 40);
		d->offset = le64(p + 48);
		eocd = z;
	}
	if (d->offset > eocd || d->size > eocd - d->offset)
		return false;
	if (d->offset < start) {
		r->far_directory = true;
		return false;
	}
	return true;
}

/* What the central directory's names say. */
struct zip_names {
	bool content_types, word_main, xl_main, odf_content;
	uint64_t first_local; /* offset of the first entry's local header */
};

static bool name_is(const uint8_t *name, size_t len, const char *want)
{
	return len == strlen(want) && memcmp(name, want, len) == 0;
}

/* Walk the central directory.  False when it is malformed or too long. */
static bool zip_read_names(struct reader *r, const struct zip_dir *d, struct zip_names *z)
{
	uint64_t pos = d->offset, end = d->offset + d->size;

	memset(z, 0, sizeof(*z));
	z->first_local = UINT64_MAX;
	if (d->entries == 0 || d->entries > FILE_TYPE_ZIP_MAX_ENTRIES)
		return false;
	for (uint64_t i = 0; i < d->entries; i++) {
		const uint8_t *h, *name;
		size_t name_len;
		uint64_t local;

		if (end - pos < ZIP_CENTRAL_LEN ||
		    (h = reader_get(r, pos, ZIP_CENTRAL_LEN)) == NULL || le32(h) != ZIP_CENTRAL_SIG)
			return false;
		name_len = le16(h + 28);
		local = le32(h + 42);
		if (local < z->first_local)
			z->first_local = local;
		pos += ZIP_CENTRAL_LEN;
		if (end - pos < (uint64_t)name_len + le16(h + 30) + le16(h + 32))
			return false;
		/* Only short names matter; a longer one is none of them. */
		if (name_len <= 32 && (name = reader_get(r, pos, name_len)) != NULL) {
			z->content_types |= name_is(name, name_len, "[Content_Types].xml");
			z->word_main |= name_is(name, name_len, "word/document.xml");
			z->xl_main |= name_is(name, name_len, "xl/workbook.xml");
			z->odf_content |= name_is(name, name_len, "content.xml");
		}
		pos += (uint64_t)name_len + le16(h + 30) + le16(h + 32);
	}
	return pos == end;
}

/* ODF's rule: the first entry is "mimetype", stored, with the type. */
static bool zip_is_odt(struct reader *r, const uint8_t *h, size_t n)
{
	size_t want = sizeof(odt_mimetype) - 1, extra;
	const uint8_t *data;

	if (n < ZIP_LOCAL_LEN + 8 || le16(h + 8) != 0 || le16(h + 26) != 8 ||
	    memcmp(h + ZIP_LOCAL_LEN, "mimetype", 8) != 0 || le32(h + 18) != want ||
	    le32(h + 22) != want)
		return false;
	extra = le16(h + 28);
	data = reader_get(r, ZIP_LOCAL_LEN + 8 + extra, want);
	return data != NULL && memcmp(data, odt_mimetype, want) == 0;
}

static enum file_type sniff_zip(struct reader *r, const uint8_t *h, size_t n)
{
	struct zip_dir d;
	struct zip_names z;
	uint8_t head[ZIP_LOCAL_LEN + 8];
	bool odt;

	if (n < ZIP_LOCAL_LEN || le32(h) != ZIP_LOCAL_SIG)
		return FILE_TYPE_UNKNOWN;
	/* h lives in the window, which the reads below replace. */
	n = n < sizeof(head) ? n : sizeof(head);
	memcpy(head, h, n);
	odt = zip_is_odt(r, head, n);
	if (!zip_find_directory(r, &d) || !zip_read_names(r, &d, &z) || z.first_local != 0)
		return FILE_TYPE_UNKNOWN;
	if (odt)
		return z.odf_content ? FILE_TYPE_ODT : FILE_TYPE_UNKNOWN;
	if (!z.content_types || z.word_main == z.xl_main)
		return FILE_TYPE_UNKNOWN;
	return z.word_main ? FILE_TYPE_DOCX : FILE_TYPE_XLSX;
}

enum file_type file_type_sniff(const struct file_type_source *src, bool *io_error)
{
	return file_type_sniff_why(src, io_error, NULL);
}

enum file_type file_type_sniff_why(const struct file_type_source *src, bool *io_error,
				   bool *far_directory)
{
	struct reader *r;
	const uint8_t *h;
	size_t n;
	enum file_type t;

	if (io_error != NULL)
		*io_error = false;
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		if (io_error != NULL)
			*io_error = true;
		return FILE_TYPE_UNKNOWN;
	}
	r->src = src;
	n = src->size < ZIP_LOCAL_LEN + 8 ? (size_t)src->size : ZIP_LOCAL_LEN + 8;
	h = reader_get(r, 0, n);
	if (h == NULL)
		t = FILE_TYPE_UNKNOWN;
	else if ((t = sniff_signature(h, r->win_len)) == FILE_TYPE_UNKNOWN)
		t = sniff_zip(r, h, r->win_len);
	if (r->io_error)
		t = FILE_TYPE_UNKNOWN;
	if (io_error != NULL)
		*io_error = r->io_error;
	if (far_directory != NULL)
		*far_directory = t == FILE_TYPE_UNKNOWN && !r->io_error && r->far_directory;
	free(r);
	return t;
}

/* ---- sources over memory ---- */

struct parts {
	const uint8_t *head, *tail;
	size_t head_len, tail_len;
	uint64_t size;
};

/* The bytes from off on that head or tail hold, as far as they run
 * without a gap: a short count when the rest is not there, -1 when none. */
static ptrdiff_t parts_read(void *arg, uint64_t off, void *buf, size_t len)
{
	const struct parts *p = arg;
	uint64_t tail_off = p->size - p->tail_len;
	uint8_t *out = buf;
	size_t done = 0, n;

	if (off >= p->size)
		return 0;
	if (len > p->size - off)
		len = (size_t)(p->size - off);
	while (done < len) {
		uint64_t at = off + done;

		if (at < p->head_len) {
			n = (size_t)(p->head_len - at) < len - done ? (size_t)(p->head_len - at)
								    : len - done;
			memcpy(out + done, p->head + at, n);
		} else if (at >= tail_off) {
			n = len - done; /* the tail runs to the end */
			memcpy(out + done, p->tail + (at - tail_off), n);
		} else {
			break;
		}
		done += n;
	}
	return done > 0 ? (ptrdiff_t)done : -1;
}

enum file_type file_type_of_parts(const void *head, size_t head_len, const void *tail,
				  size_t tail_len, uint64_t size, bool *far_directory)
{
	struct parts p = {head, tail, head_len, tail_len, size};
	struct file_type_source src = {parts_read, &p, size};

	if (far_directory != NULL)
		*far_directory = false;
	if (head_len > size || tail_len > size)
		return FILE_TYPE_UNKNOWN;
	return file_type_sniff_why(&src, NULL, far_directory);
}

enum file_type file_type_of_buffer(const void *data, size_t len)
{
	return file_type_of_parts(data, len, data, len, len, NULL);
}

/* ---- names ---- */

static const struct {
	const char *code, *mime, *label;
} names[FILE_TYPE_COUNT] = {
    [FILE_TYPE_PDF] = {"pdf", "application/pdf", "PDF"},
    [FILE_TYPE_JPEG] = {"jpeg", "image/jpeg", "ảnh JPEG"},
    [FILE_TYPE_PNG] = {"png", "image/png", "ảnh PNG"},
    [FILE_TYPE_WEBP] = {"webp", "image/webp", "ảnh WebP"},
    [FILE_TYPE_DOCX] = {"docx",
			"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
			"Word (DOCX)"},
    [FILE_TYPE_ODT] = {"odt", "application/vnd.oasis.opendocument.text", "văn bản ODT"},
    [FILE_TYPE_XLSX] = {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
			"Excel (XLSX)"},
};

const char file_type_accepted_list[] = "PDF, JPEG, PNG, WebP, DOCX, ODT, XLSX";

const char *file_type_code(enum file_type t)
{
	return (unsigned)t < FILE_TYPE_COUNT ? names[t].code : NULL;
}

bool file_type_parse(const char *code, enum file_type *out)
{
	for (unsigned t = 1; code != NULL && t < FILE_TYPE_COUNT; t++) {
		if (strcmp(code, names[t].code) == 0) {
			*out = (enum file_type)t;
			return true;
		}
	}
	return false;
}

const char *file_type_mime(enum file_type t)
{
	return (unsigned)t < FILE_TYPE_COUNT ? names[t].mime : NULL;
}

const char *file_type_label(enum file_type t)
{
	return (unsigned)t < FILE_TYPE_COUNT ? names[t].label : NULL;
}
