/* initiative_row.c - see initiative_row.h. */
#include "initiative_row.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "initiative_check.h"
#include "names.h"

Sangkien__InitiativeStatus initiative_status_parse(const char *text)
{
	const struct name_entry *e = names_find_code(NAMES_STATUS, text);

	return e != NULL ? (Sangkien__InitiativeStatus)e->value
			 : SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED;
}

const char *initiative_status_text(Sangkien__InitiativeStatus status)
{
	const struct name_entry *e = names_find(NAMES_STATUS, (int)status);

	return e != NULL ? e->code : NULL;
}

int initiative_row_unpack(const char **cur, const char *end, const char **val, size_t *len)
{
	const char *p = *cur;
	size_t n = 0;
	int digits = 0;

	if (p >= end)
		return 0;
	/* At most 10 digits: no value is anywhere near 10 GB. */
	while (p < end && *p >= '0' && *p <= '9' && digits < 10) {
		n = n * 10 + (size_t)(*p - '0');
		p++;
		digits++;
	}
	if (digits == 0 || p >= end || *p != ':')
		return -1;
	p++;
	if (n > (size_t)(end - p))
		return -1;
	*val = p;
	*len = n;
	*cur = p + n;
	return 1;
}

/* Copy a value into the text buffer, NUL-terminated; returns the copy. */
static char *take(char **out, const char *val, size_t len)
{
	char *s = *out;
	memcpy(s, val, len);
	s[len] = '\0';
	*out = s + len + 1;
	return s;
}

/* Strict decimal, optionally negative, fits in int64. */
static bool parse_i64(const char *s, size_t len, int64_t *out)
{
	bool neg = false;
	uint64_t v = 0;
	size_t i = 0;

	if (len > 0 && s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (i == len || len - i > 19)
		return false;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > (uint64_t)INT64_MAX)
		return false;
	*out = neg ? -(int64_t)v : (int64_t)v;
	return true;
}

/* Count the values of a packed list; -1 when malformed. */
static long count_values(const char *s)
{
	const char *cur = s, *end = s + strlen(s), *val;
	size_t len;
	long n = 0;
	int rc;

	while ((rc = initiative_row_unpack(&cur, end, &val, &len)) == 1)
		n++;
	return rc == 0 ? n : -1;
}

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static bool fill_authors(struct initiative_row *ir, const char *packed, char **text)
{
	long nvals = count_values(packed);
	const char *cur = packed, *end = packed + strlen(packed), *name, *pos;
	size_t nlen, plen;
	size_t n;

	if (nvals < 0 || nvals % 2 != 0)
		return false;
	n = (size_t)nvals / 2;
	ir->authors = calloc(n ? n : 1, sizeof(*ir->authors));
	ir->author_ptrs = calloc(n ? n : 1, sizeof(*ir->author_ptrs));
	if (ir->authors == NULL || ir->author_ptrs == NULL)
		return false;
	for (size_t i = 0; i < n; i++) {
		Sangkien__Author *a = &ir->authors[i];
		sangkien__author__init(a);
		initiative_row_unpack(&cur, end, &name, &nlen);
		initiative_row_unpack(&cur, end, &pos, &plen);
		a->name = take(text, name, nlen);
		a->position = take(text, pos, plen);
		ir->author_ptrs[i] = a;
	}
	ir->content.n_authors = n;
	ir->content.authors = ir->author_ptrs;
	return true;
}

static bool fill_notes(struct initiative_row *ir, const char *packed, char **text)
{
	long nvals = count_values(packed);
	const char *cur = packed, *end = packed + strlen(packed);
	size_t n;

	if (nvals < 0 || nvals % 4 != 0)
		return false;
	n = (size_t)nvals / 4;
	ir->notes = calloc(n ? n : 1, sizeof(*ir->notes));
	ir->note_ptrs = calloc(n ? n : 1, sizeof(*ir->note_ptrs));
	if (ir->notes == NULL || ir->note_ptrs == NULL)
		return false;
	for (size_t i = 0; i < n; i++) {
		Sangkien__ReviewNote *note = &ir->notes[i];
		const char *v[4];
		size_t len[4];

		sangkien__review_note__init(note);
		for (int k = 0; k < 4; k++)
			initiative_row_unpack(&cur, end, &v[k], &len[k]);
		if (!parse_i64(v[0], len[0], &note->at_unix_ms))
			return false;
		note->status = initiative_status_parse(take(text, v[1], len[1]));
		if (note->status == SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED)
			return false;
		note->author = take(text, v[2], len[2]);
		note->text = take(text, v[3], len[3]);
		ir->note_ptrs[i] = note;
	}
	ir->msg.n_notes = n;
	ir->msg.notes = ir->note_ptrs;
	return true;
}

#define ATTACHMENT_VALUES 6

bool attachment_list_unpack(struct attachment_list *l, const char *packed)
{
	long nvals = count_values(packed);
	const char *cur = packed, *end = packed + strlen(packed);
	char *text;

	memset(l, 0, sizeof(*l));
	if (nvals < 0 || nvals % ATTACHMENT_VALUES != 0)
		return false;
	l->n = (size_t)nvals / ATTACHMENT_VALUES;
	l->items = calloc(l->n ? l->n : 1, sizeof(*l->items));
	l->ptrs = calloc(l->n ? l->n : 1, sizeof(*l->ptrs));
	l->sha = calloc(l->n ? l->n : 1, 32);
	l->text = text = malloc(strlen(packed) + 1);
	if (l->items == NULL || l->ptrs == NULL || l->sha == NULL || text == NULL)
		return false;
	for (size_t i = 0; i < l->n; i++) {
		Sangkien__Attachment *a = &l->items[i];
		const char *v[ATTACHMENT_VALUES];
		size_t len[ATTACHMENT_VALUES];
		int64_t size;

		sangkien__attachment__init(a);
		for (int k = 0; k < ATTACHMENT_VALUES; k++)
			initiative_row_unpack(&cur, end, &v[k], &len[k]);
		if (!hex_decode(take(&text, v[0], len[0]), l->sha + 32 * i, 32) ||
		    !parse_i64(v[1], len[1], &size) || size <= 0 ||
		    !parse_i64(v[5], len[5], &a->attached_unix_ms))
			return false;
		a->sha256.data = l->sha + 32 * i;
		a->sha256.len = 32;
		a->size = (uint64_t)size;
		a->content_type = take(&text, v[2], len[2]);
		a->file_name = take(&text, v[3], len[3]);
		a->label = take(&text, v[4], len[4]);
		l->ptrs[i] = a;
	}
	return true;
}

void attachment_list_release(struct attachment_list *l)
{
	free(l->items);
	free(l->ptrs);
	free(l->sha);
	free(l->text);
	memset(l, 0, sizeof(*l));
}

static char *col_text(const PGresult *r, int row, int col)
{
	if (PQgetisnull(r, row, col))
		return (char *)"";
	return PQgetvalue(r, row, col);
}

const char *const initiative_row_col_names[IROW_NCOLS] = {
    [IROW_RECORD_ID] = "record_id",
    [IROW_UUID] = "uuid",
    [IROW_UNIT_CODE] = "unit_code",
    [IROW_TITLE] = "title",
    [IROW_KIND] = "kind",
    [IROW_AUTHORS_PACKED] = "authors_packed",
    [IROW_SUMMARY] = "summary",
    [IROW_EFFECT] = "effect",
    [IROW_APPLIED_ON] = "applied_on",
    [IROW_THEME] = "theme",
    [IROW_VERSION] = "version",
    [IROW_STATUS] = "status",
    [IROW_RECEIPT_UNIX_MS] = "receipt_unix_ms",
    [IROW_SHA256_HEX] = "content_sha256_hex",
    [IROW_NOTES_PACKED] = "notes_packed",
    [IROW_RECOGNITION_DECISION] = "recognition_decision",
    [IROW_RECOGNITION_DATE] = "recognition_date",
    [IROW_RECOGNIZED_BY] = "recognized_by",
    [IROW_REWARD_KIND] = "reward_kind",
    [IROW_REWARD_LEVEL] = "reward_level",
    [IROW_REWARD_DECISION] = "reward_decision",
    [IROW_REWARD_DATE] = "reward_date",
    [IROW_REWARD_AMOUNT_VND] = "reward_amount_vnd",
    [IROW_UPDATED_UNIX_MS] = "updated_unix_ms",
    [IROW_PHASE_CODE] = "phase_code",
    [IROW_FEED_SEQ] = "feed_seq",
    [IROW_UNIT_ID] = "unit_id",
    [IROW_ATTACHMENTS_PACKED] = "attachments_packed",
};

bool initiative_cols_find(struct initiative_cols *cols, const PGresult *r, char *err, size_t errlen)
{
	for (int i = 0; i < IROW_NCOLS; i++) {
		cols->num[i] = PQfnumber(r, initiative_row_col_names[i]);
		if (cols->num[i] < 0) {
			set_err(err, errlen, "no column %s for an initiative",
				initiative_row_col_names[i]);
			return false;
		}
	}
	return true;
}

struct initiative_row *initiative_row_create(const PGresult *r, int row,
					     const struct initiative_cols *cols, char *err,
					     size_t errlen)
{
	struct initiative_row *ir;
	const char *authors_packed, *notes_packed;
	char *text;
	int64_t v;

	if (row < 0 || row >= PQntuples(r)) {
		set_err(err, errlen, "initiative row %d: out of range", row);
		return NULL;
	}
	for (int i = 0; i < IROW_NCOLS; i++) {
		if (cols->num[i] < 0 || cols->num[i] >= PQnfields(r)) {
			set_err(err, errlen, "initiative row %d: column %s out of range", row,
				initiative_row_col_names[i]);
			return NULL;
		}
	}
	if (PQgetisnull(r, row, cols->num[IROW_RECORD_ID])) {
		set_err(err, errlen, "initiative row %d: no initiative", row);
		return NULL;
	}
	ir = calloc(1, sizeof(*ir));
	if (ir == NULL) {
		set_err(err, errlen, "out of memory");
		return NULL;
	}
	sangkien__server_initiative__init(&ir->msg);
	sangkien__initiative__init(&ir->content);
	sangkien__receipt__init(&ir->receipt);
	sangkien__recognition__init(&ir->recognition);
	sangkien__reward__init(&ir->reward);

#define COL(c) col_text(r, row, cols->num[c])
#define INT(c, dst)                                                                                \
	do {                                                                                       \
		const char *s_ = COL(c);                                                           \
		if (!parse_i64(s_, strlen(s_), &v)) {                                              \
			set_err(err, errlen, "initiative row %d: bad number in %s", row,           \
				initiative_row_col_names[c]);                                      \
			goto fail;                                                                 \
		}                                                                                  \
		(dst);                                                                             \
	} while (0)

	authors_packed = COL(IROW_AUTHORS_PACKED);
	notes_packed = COL(IROW_NOTES_PACKED);
	ir->text = text = malloc(strlen(authors_packed) + strlen(notes_packed) + 1);
	if (text == NULL) {
		set_err(err, errlen, "out of memory");
		goto fail;
	}

	Sangkien__Initiative *c = &ir->content;
	c->uuid = COL(IROW_UUID);
	c->unit_code = COL(IROW_UNIT_CODE);
	c->title = COL(IROW_TITLE);
	if (!kind_parse(COL(IROW_KIND), &c->kind)) {
		set_err(err, errlen, "initiative %s: unknown kind \"%s\"", c->uuid, COL(IROW_KIND));
		goto fail;
	}
	if (!fill_authors(ir, authors_packed, &text)) {
		set_err(err, errlen, "initiative %s: malformed authors", c->uuid);
		goto fail;
	}
	c->summary = COL(IROW_SUMMARY);
	c->effect = COL(IROW_EFFECT);
	c->applied_on = COL(IROW_APPLIED_ON);
	if (COL(IROW_THEME)[0] != '\0' && !theme_parse(COL(IROW_THEME), &c->theme)) {
		set_err(err, errlen, "initiative %s: unknown theme \"%s\"", c->uuid,
			COL(IROW_THEME));
		goto fail;
	}
	ir->msg.content = c;

	INT(IROW_VERSION, ir->msg.version = (uint32_t)v);
	ir->msg.status = initiative_status_parse(COL(IROW_STATUS));
	if (ir->msg.status == SANGKIEN__INITIATIVE_STATUS__STATUS_UNSPECIFIED) {
		set_err(err, errlen, "initiative %s: unknown status \"%s\"", c->uuid,
			COL(IROW_STATUS));
		goto fail;
	}

	INT(IROW_RECORD_ID, ir->receipt.record_id = v);
	ir->receipt.version = ir->msg.version;
	INT(IROW_RECEIPT_UNIX_MS, ir->receipt.received_unix_ms = v);
	if (!hex_decode(COL(IROW_SHA256_HEX), ir->sha256, sizeof(ir->sha256))) {
		set_err(err, errlen, "initiative %s: bad content hash", c->uuid);
		goto fail;
	}
	ir->receipt.content_sha256.data = ir->sha256;
	ir->receipt.content_sha256.len = 32;
	ir->msg.receipt = &ir->receipt;

	if (!fill_notes(ir, notes_packed, &text)) {
		set_err(err, errlen, "initiative %s: malformed notes", c->uuid);
		goto fail;
	}

	if (COL(IROW_RECOGNITION_DECISION)[0] != '\0' || COL(IROW_RECOGNITION_DATE)[0] != '\0' ||
	    COL(IROW_RECOGNIZED_BY)[0] != '\0') {
		ir->recognition.decision_number = COL(IROW_RECOGNITION_DECISION);
		ir->recognition.decision_date = COL(IROW_RECOGNITION_DATE);
		ir->recognition.recognized_by = COL(IROW_RECOGNIZED_BY);
		ir->msg.recognition = &ir->recognition;
	}
	const char *rk = COL(IROW_REWARD_KIND);
	if (rk[0] != '\0') {
		if (strcmp(rk, "reward") == 0)
			ir->reward.kind = SANGKIEN__REWARD_KIND__REWARD_KIND_REWARD;
		else if (strcmp(rk, "commendation") == 0)
			ir->reward.kind = SANGKIEN__REWARD_KIND__REWARD_KIND_COMMENDATION;
		else {
			set_err(err, errlen, "initiative %s: unknown reward kind \"%s\"", c->uuid,
				rk);
			goto fail;
		}
		ir->reward.level = COL(IROW_REWARD_LEVEL);
		ir->reward.decision_number = COL(IROW_REWARD_DECISION);
		ir->reward.decision_date = COL(IROW_REWARD_DATE);
		INT(IROW_REWARD_AMOUNT_VND, ir->reward.amount_vnd = v);
		ir->msg.reward = &ir->reward;
	}
	INT(IROW_UPDATED_UNIX_MS, ir->msg.updated_unix_ms = v);
	ir->msg.phase_code = COL(IROW_PHASE_CODE);
	INT(IROW_FEED_SEQ, ir->feed_seq = v);
	INT(IROW_UNIT_ID, ir->unit_id = v);
	if (!attachment_list_unpack(&ir->attachments, COL(IROW_ATTACHMENTS_PACKED))) {
		set_err(err, errlen, "initiative %s: malformed attachments", c->uuid);
		goto fail;
	}
	ir->msg.n_attachments = ir->attachments.n;
	ir->msg.attachments = ir->attachments.ptrs;
#undef INT
#undef COL
	return ir;
fail:
	initiative_row_free(ir);
	return NULL;
}

struct initiative_row *initiative_row_read_one(const PGresult *r, char *err, size_t errlen)
{
	return initiative_row_read_at(r, 0, err, errlen);
}

struct initiative_row *initiative_row_read_at(const PGresult *r, int row, char *err, size_t errlen)
{
	struct initiative_cols cols;
	if (!initiative_cols_find(&cols, r, err, errlen))
		return NULL;
	return initiative_row_create(r, row, &cols, err, errlen);
}

void initiative_row_free(struct initiative_row *ir)
{
	if (ir == NULL)
		return;
	free(ir->authors);
	free(ir->author_ptrs);
	free(ir->notes);
	free(ir->note_ptrs);
	free(ir->text);
	attachment_list_release(&ir->attachments);
	free(ir);
}

/* Bytes of a varint. */
static size_t varint_len(size_t v)
{
	size_t n = 1;
	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

size_t initiative_row_fit(struct initiative_row *ir, size_t budget)
{
	Sangkien__ServerInitiative *m = &ir->msg;
	size_t size = sangkien__server_initiative__get_packed_size(m);

	while (size > budget && m->n_notes > 0) {
		size_t note = sangkien__review_note__get_packed_size(m->notes[0]);
		/* the note with its tag and length; notes_omitted grows by at
		 * most its tag and a varint */
		size -= note + 1 + varint_len(note);
		m->notes++;
		m->n_notes--;
		m->notes_omitted++;
		if (size <= budget)
			size = sangkien__server_initiative__get_packed_size(m);
	}
	return size;
}

/* The most one ItemResult takes without `current`: index, uuid, status,
 * field (48), reason (160), receipt and their tags. */
#define ITEM_RESULT_RESERVE 400u
/* The envelope, request id and reply tags. */
#define REPLY_RESERVE 1024u

void current_budget_init(struct current_budget *b, uint32_t frame_limit, size_t n_items)
{
	size_t reserved = REPLY_RESERVE + n_items * ITEM_RESULT_RESERVE;

	b->left = frame_limit > reserved ? frame_limit - reserved : 0;
}

void current_budget_attach(struct current_budget *b, Sangkien__ItemResult *res,
			   struct initiative_row *row)
{
	/* + tag and length of the embedded message */
	size_t size = sangkien__server_initiative__get_packed_size(&row->msg) + 8;

	if (size <= b->left) {
		res->current = &row->msg;
		b->left -= size;
	}
}
