/* The union client's dossier files: copying into the store (hash, type by
 * content, limits before reading), the store's rows and files (limits per
 * file and per initiative, one copy of a file however many initiatives have
 * it, detach), the sizes as shown, and the checks of the server's upload
 * replies. */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>
#include <cmocka.h>

#include <openssl/sha.h>

#include "attach_file.h"
#include "messages.h"
#include "reply_check.h"
#include "store.h"
#include "store_attach.h"
#include "temp_dir.h"
#include "uuid7.h"

#define DATA_DIR SANGKIEN_SOURCE_DIR "/tests/data/dossier/"

struct fixture {
	char dir[64];
	char path[128];
	struct store *st;
	int64_t item;
};

static int64_t add_item(struct store *st, const char *title)
{
	struct item *it = item_create();
	int64_t id = 0;

	assert_non_null(it);
	assert_true(uuid7_generate(it->uuid));
	assert_int_equal(item_set_text(&it->title, title), 0);
	assert_int_equal(item_set_text(&it->summary, "Tóm tắt"), 0);
	assert_int_equal(item_set_text(&it->effect, "Hiệu quả"), 0);
	assert_int_equal(item_add_author(it, "Nguyễn Văn A", ""), 0);
	it->kind = SANGKIEN__INITIATIVE_KIND__KIND_TECHNICAL;
	snprintf(it->applied_on, sizeof(it->applied_on), "2022-03-15");
	assert_int_equal(store_item_add(st, it, &id), 0);
	item_free(it);
	return id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	assert_non_null(f);
	assert_int_equal(temp_dir_make(f->dir, sizeof(f->dir), "attach"), 0);
	snprintf(f->path, sizeof(f->path), "%s/store.db", f->dir);
	assert_int_equal(store_open(f->path, &f->st, err, sizeof(err)), 0);
	f->item = add_item(f->st, "Cải tiến đóng gói");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->st);
	temp_dir_remove(f->dir);
	free(f);
	return 0;
}

static bool exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* Files in the store's folder (the copies in progress included); 0 when
 * there is no folder. */
static int count_files(const struct fixture *f)
{
	char dir[160];
	struct dirent *e;
	DIR *d;
	int n = 0;

	snprintf(dir, sizeof(dir), "%s.files", f->path);
	d = opendir(dir);
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void copy_sample(struct fixture *f, const char *name, uint64_t max,
			enum attach_copy_status want, struct attach_copy *c)
{
	char err[256];

	assert_int_equal(attach_copy_in(name, store_files_dir(f->st), max, c, err, sizeof(err)),
			 want);
}

static void test_copy_in(void **state)
{
	struct fixture *f = *state;
	struct attach_copy c;
	uint8_t want[32];
	char err[256];
	FILE *in;
	unsigned char buf[4096];
	size_t n;

	assert_int_equal(attach_copy_in(DATA_DIR "hieu-qua.xlsx", store_files_dir(f->st),
					ATTACH_DEFAULT_MAX_FILE, &c, err, sizeof(err)),
			 ATTACH_COPY_OK);
	assert_int_equal(c.type, FILE_TYPE_XLSX);
	in = fopen(DATA_DIR "hieu-qua.xlsx", "rb");
	assert_non_null(in);
	n = fread(buf, 1, sizeof(buf), in);
	fclose(in);
	assert_int_equal(c.size, n);
	SHA256(buf, n, want);
	assert_memory_equal(c.sha256, want, 32);
	assert_true(exists(c.tmp_path));
	attach_copy_discard(&c);
	assert_int_equal(count_files(f), 0);

	/* Named .pdf, is text: refused, nothing left behind. */
	assert_int_equal(attach_copy_in(DATA_DIR "gia-mao.pdf", store_files_dir(f->st),
					ATTACH_DEFAULT_MAX_FILE, &c, err, sizeof(err)),
			 ATTACH_COPY_WRONG_TYPE);
	assert_null(c.tmp_path);
	assert_int_equal(count_files(f), 0);
	/* A DOCX with the longest archive comment ZIP allows: its central
	 * directory starts too far from the end for the server to read it, so
	 * it is refused here already, saying why. */
	{
		char path[256];
		FILE *out = NULL;
		uint8_t *docx = malloc(70000);
		size_t len;

		assert_non_null(docx);
		in = fopen(DATA_DIR "bao-cao.docx", "rb");
		assert_non_null(in);
		len = fread(docx, 1, 70000, in);
		fclose(in);
		assert_true(len > 22 && len < 70000);
		docx[len - 2] = 0xff; /* the end record's comment length: 65,535 */
		docx[len - 1] = 0xff;
		snprintf(path, sizeof(path), "%s/comment.docx", f->dir);
		out = fopen(path, "wb");
		assert_non_null(out);
		assert_int_equal(fwrite(docx, 1, len, out), len);
		for (size_t i = 0; i < 65535; i++)
			fputc('c', out);
		assert_int_equal(fclose(out), 0);
		free(docx);
		copy_sample(f, path, ATTACH_DEFAULT_MAX_FILE, ATTACH_COPY_FAR_DIRECTORY, &c);
		assert_null(c.tmp_path);
		messages_attach_refusal("comment.docx", ATTACH_COPY_FAR_DIRECTORY, 0, 0, NULL, NULL,
					err, sizeof(err));
		assert_non_null(strstr(err, "mục lục"));
		assert_non_null(strstr(err, "comment.docx"));
	}
	/* Over the limit: refused from its size, nothing copied. */
	copy_sample(f, DATA_DIR "to-trinh.pdf", 100, ATTACH_COPY_TOO_LARGE, &c);
	assert_int_equal(c.size, 609);
	assert_int_equal(count_files(f), 0);
	assert_int_equal(attach_copy_in(DATA_DIR "không-có.pdf", store_files_dir(f->st),
					ATTACH_DEFAULT_MAX_FILE, &c, err, sizeof(err)),
			 ATTACH_COPY_IO);
	assert_non_null(strstr(err, "không-có.pdf"));
}

/* A copy ready to add, from a sample. */
static struct store_new_file ready(struct fixture *f, const char *sample, struct attach_copy *c,
				   const char *label)
{
	char path[256], err[256];

	snprintf(path, sizeof(path), DATA_DIR "%s", sample);
	assert_int_equal(attach_copy_in(path, store_files_dir(f->st), ATTACH_DEFAULT_MAX_FILE, c,
					err, sizeof(err)),
			 ATTACH_COPY_OK);
	return (struct store_new_file){c->tmp_path, {0}, c->size, c->type, sample, label};
}

static void add_ok(struct fixture *f, int64_t item, struct store_new_file *files, size_t n,
		   const struct attach_limits *lim, int64_t *ids, struct attach_copy *copies)
{
	enum store_attach_refusal r;
	size_t which;

	for (size_t i = 0; i < n; i++)
		memcpy(files[i].sha256, copies[i].sha256, 32);
	assert_int_equal(store_attachments_add(f->st, item, files, n, lim, &r, &which, ids), 0);
	assert_int_equal(r, STORE_ATTACH_OK);
}

static void test_add_and_detach(void **state)
{
	struct fixture *f = *state;
	struct attach_limits lim = {ATTACH_DEFAULT_MAX_FILE, ATTACH_DEFAULT_MAX_DOSSIER};
	struct attach_copy c[2];
	struct store_new_file files[2];
	struct store_attachment a;
	int64_t ids[2], other = add_item(f->st, "Sáng kiến thứ hai"), oid;
	bool found, removed;
	char *kept;

	files[0] = ready(f, "to-trinh.pdf", &c[0], "Tờ trình");
	files[1] = ready(f, "anh-cai-tien.jpg", &c[1], "");
	add_ok(f, f->item, files, 2, &lim, ids, c);
	/* Renamed to the file's own name: the copies in progress are gone. */
	assert_false(exists(c[0].tmp_path));
	kept = store_file_path(f->st, c[0].sha256);
	assert_true(exists(kept));
	assert_int_equal(store_attachment_get(f->st, ids[0], &a, &found), 0);
	assert_true(found);
	assert_int_equal(a.item_id, f->item);
	assert_int_equal(a.size, 609);
	assert_int_equal(a.type, FILE_TYPE_PDF);
	assert_int_equal(a.state, ATTACH_PENDING);
	assert_string_equal(a.label, "Tờ trình");
	assert_memory_equal(a.sha256, c[0].sha256, 32);
	store_attachment_clear(&a);
	attach_copy_discard(&c[0]);
	attach_copy_discard(&c[1]);

	/* The same file on a second initiative: one copy on disk. */
	files[0] = ready(f, "to-trinh.pdf", &c[0], "");
	add_ok(f, other, files, 1, &lim, &oid, c);
	attach_copy_discard(&c[0]);
	assert_int_equal(count_files(f), 2);

	/* A pending row detached goes at once; the file stays while the
	 * other initiative has it, and goes with the last row. */
	assert_int_equal(store_attachment_detach(f->st, ids[0], &removed), 0);
	assert_true(removed);
	assert_true(exists(kept));
	assert_int_equal(store_attachment_detach(f->st, oid, &removed), 0);
	assert_false(exists(kept));
	free(kept);

	/* Attached on the server: a detach waits for the sync. */
	assert_int_equal(store_attachment_result(f->st, ids[1], ATTACH_PENDING, 0, NULL), 0);
	assert_int_equal(store_attachment_detach(f->st, ids[1], &removed), 0);
	assert_false(removed);
	assert_int_equal(store_attachment_get(f->st, ids[1], &a, &found), 0);
	assert_int_equal(a.state, ATTACH_DETACH);
	store_attachment_clear(&a);
	/* Refused (review started): still on the server, so attached here,
	 * the reason kept; detached again later, accepted, the row goes. */
	assert_int_equal(store_attachment_result(f->st, ids[1], ATTACH_DETACH, 0, "under review"),
			 0);
	assert_int_equal(store_attachment_get(f->st, ids[1], &a, &found), 0);
	assert_int_equal(a.state, ATTACH_ATTACHED);
	assert_string_equal(a.refusal, "under review");
	store_attachment_clear(&a);
	assert_int_equal(store_attachment_detach(f->st, ids[1], &removed), 0);
	assert_false(removed);
	/* The server's answer removes it. */
	assert_int_equal(store_attachment_result(f->st, ids[1], ATTACH_DETACH, 0, NULL), 0);
	assert_int_equal(store_attachment_get(f->st, ids[1], &a, &found), 0);
	assert_false(found);
	assert_int_equal(count_files(f), 0);
}

static void test_limits(void **state)
{
	struct fixture *f = *state;
	struct attach_limits lim = {700, 1000};
	struct attach_copy c[2];
	struct store_new_file files[2];
	enum store_attach_refusal r;
	size_t which = 9;
	int64_t ids[2];

	/* 609 + 411 bytes: each under 700, together over 1000. */
	files[0] = ready(f, "to-trinh.pdf", &c[0], "");
	files[1] = ready(f, "anh-cai-tien.jpg", &c[1], "");
	memcpy(files[0].sha256, c[0].sha256, 32);
	memcpy(files[1].sha256, c[1].sha256, 32);
	assert_int_equal(store_attachments_add(f->st, f->item, files, 2, &lim, &r, &which, ids), 0);
	assert_int_equal(r, STORE_ATTACH_DOSSIER_FULL);
	assert_int_equal(which, 1);
	lim.max_file = 500;
	assert_int_equal(store_attachments_add(f->st, f->item, files, 2, &lim, &r, &which, ids), 0);
	assert_int_equal(r, STORE_ATTACH_TOO_LARGE);
	assert_int_equal(which, 0);
	/* Nothing was added: the copies are still where they were. */
	assert_true(exists(c[0].tmp_path));
	lim = (struct attach_limits){700, 700};
	assert_int_equal(store_attachments_add(f->st, f->item, files, 1, &lim, &r, &which, ids), 0);
	assert_int_equal(r, STORE_ATTACH_OK);
	attach_copy_discard(&c[0]);
	files[0] = ready(f, "to-trinh.pdf", &c[0], "");
	memcpy(files[0].sha256, c[0].sha256, 32);
	assert_int_equal(store_attachments_add(f->st, f->item, files, 1, &lim, &r, &which, ids), 0);
	assert_int_equal(r, STORE_ATTACH_ALREADY);
	attach_copy_discard(&c[0]);
	attach_copy_discard(&c[1]);

	/* The limits kept from the server's hello, defaults before. */
	assert_int_equal(store_attach_limits(f->st, &lim), 0);
	assert_int_equal(lim.max_file, ATTACH_DEFAULT_MAX_FILE);
	assert_int_equal(lim.max_dossier, ATTACH_DEFAULT_MAX_DOSSIER);
	lim = (struct attach_limits){5u << 20, 50u << 20};
	assert_int_equal(store_attach_limits_save(f->st, &lim), 0);
	memset(&lim, 0, sizeof(lim));
	assert_int_equal(store_attach_limits(f->st, &lim), 0);
	assert_int_equal(lim.max_file, 5u << 20);
	assert_int_equal(lim.max_dossier, 50u << 20);
}

static void test_size_text(void **state)
{
	static const struct {
		uint64_t n;
		const char *want;
	} cases[] = {
	    {0, "0 byte"},	 {1023, "1023 byte"}, {1024, "1 KB"},
	    {1536, "1,5 KB"},	 {20971520, "20 MB"}, {104857600, "100 MB"},
	    {21000000, "20 MB"}, {22020096, "21 MB"}, {1288490189, "1,2 GB"},
	};
	char out[32];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		attach_size_text(cases[i].n, out, sizeof(out));
		assert_string_equal(out, cases[i].want);
	}
	assert_string_equal(attach_base_name("/a/b/tờ trình.pdf"), "tờ trình.pdf");
	assert_string_equal(attach_base_name("tờ trình.pdf"), "tờ trình.pdf");
}

static void test_upload_status_check(void **state)
{
	uint8_t sha[32], other[32];
	Sangkien__UploadStatus u = SANGKIEN__UPLOAD_STATUS__INIT;
	struct check_error ce;

	(void)state;
	memset(sha, 7, sizeof(sha));
	memset(other, 8, sizeof(other));
	u.sha256.data = sha;
	u.sha256.len = 32;
	u.size = 1000;
	u.offset = 400;
	u.outcome = SANGKIEN__UPLOAD_OUTCOME__UPLOAD_OK;
	assert_true(reply_check_upload_status(&u, sha, 1000, &ce));
	assert_false(reply_check_upload_status(&u, other, 1000, &ce));
	assert_string_equal(ce.field, "sha256");
	assert_false(reply_check_upload_status(&u, sha, 999, &ce));
	u.offset = 1001;
	assert_false(reply_check_upload_status(&u, sha, 1000, &ce));
	assert_string_equal(ce.field, "offset");
	/* Committed: the whole file, of a known type. */
	u.offset = 400;
	u.committed = true;
	assert_false(reply_check_upload_status(&u, sha, 1000, &ce));
	u.offset = 1000;
	u.content_type = "exe";
	assert_false(reply_check_upload_status(&u, sha, 1000, &ce));
	u.content_type = "pdf";
	assert_true(reply_check_upload_status(&u, sha, 1000, &ce));
	u.outcome = (Sangkien__UploadOutcome)42;
	assert_false(reply_check_upload_status(&u, sha, 1000, &ce));
	assert_false(reply_check_upload_status(NULL, sha, 1000, &ce));
}

static void write_aged(const char *path, time_t age_s)
{
	FILE *out = fopen(path, "wb");
	struct utimbuf t;

	assert_non_null(out);
	assert_int_equal(fputs("một phần tệp", out) >= 0, 1);
	assert_int_equal(fclose(out), 0);
	t.actime = t.modtime = time(NULL) - age_s;
	assert_int_equal(utime(path, &t), 0);
}

/* Copies a stopped attach left behind go when the store opens, once
 * nobody has written them for a while; a copy being written and the
 * store's own files stay. */
static void test_stale_copies_swept(void **state)
{
	struct fixture *f = *state;
	char files[160], stale[400], fresh[400], kept[400], err[256];

	snprintf(files, sizeof(files), "%s.files", f->path);
	assert_int_equal(sk_mkdir_private(files), 0);
	snprintf(stale, sizeof(stale), "%s/%s123abc", files, ATTACH_INCOMING_PREFIX);
	snprintf(fresh, sizeof(fresh), "%s/%s456def", files, ATTACH_INCOMING_PREFIX);
	snprintf(kept, sizeof(kept), "%s/%064d", files, 7);
	write_aged(stale, STORE_INCOMING_STALE_S + 60);
	write_aged(fresh, STORE_INCOMING_STALE_S - 60);
	write_aged(kept, STORE_INCOMING_STALE_S + 60);
	store_close(f->st);
	assert_int_equal(store_open(f->path, &f->st, err, sizeof(err)), 0);
	assert_false(exists(stale));
	assert_true(exists(fresh));
	assert_true(exists(kept));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_copy_in, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_add_and_detach, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stale_copies_swept, setup, teardown),
	    cmocka_unit_test(test_size_text),
	    cmocka_unit_test(test_upload_status_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
