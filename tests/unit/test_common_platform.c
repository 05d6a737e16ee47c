/* The platform layer (client/common/platform.h) as both clients use it, the
 * same cases on Linux and under Wine: files by Vietnamese name, private
 * files and folders, replacing renames, durability calls, sizes and
 * positions past 4 GiB, files written beside their final name, lines,
 * the environment in UTF-8, the lock file, Ctrl-C, local time. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <cmocka.h>

#include "platform.h"
#include "temp_dir.h"

struct fixture {
	char dir[64];
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(temp_dir_make(f->dir, sizeof(f->dir), "platform"), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	temp_dir_remove(f->dir);
	free(f);
	return 0;
}

/* DIR joined with name: a new string. */
static char *in_dir(const struct fixture *f, const char *name)
{
	char *p = sk_path_join(f->dir, name);

	assert_non_null(p);
	return p;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = sk_fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(sk_fsync(fp), 0);
	assert_int_equal(fclose(fp), 0);
}

/* The whole file into buf as a string; -1 (errno set) when it cannot be opened. */
static int read_file(const char *path, char *buf, size_t len)
{
	FILE *fp = sk_fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		return -1;
	n = fread(buf, 1, len - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return 0;
}

static void test_files_by_vietnamese_name(void **state)
{
	struct fixture *f = *state;
	char *draft = in_dir(f, "Hồ sơ sáng kiến – bản nháp.txt");
	char *final = in_dir(f, "Bản chính của Phường 1.txt");
	char buf[128];

	write_file(draft, "Nội dung mới");
	write_file(final, "Nội dung cũ, dài hơn bản mới");
	assert_int_equal(read_file(draft, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "Nội dung mới");

	/* The rename replaces the existing file whole. */
	assert_int_equal(sk_rename_replace(draft, final), 0);
	assert_int_equal(read_file(final, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "Nội dung mới");
	errno = 0;
	assert_int_equal(read_file(draft, buf, sizeof(buf)), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(sk_fsync_dir(f->dir), 0);

	assert_int_equal(sk_remove(final), 0);
	errno = 0;
	assert_int_equal(sk_remove(final), -1);
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_int_equal(sk_rename_replace(final, draft), -1);
	assert_int_equal(errno, ENOENT);
	free(draft);
	free(final);
}

static void test_private_file_and_folder(void **state)
{
	struct fixture *f = *state;
	char *folder = in_dir(f, "Kho dữ liệu");
	char *file = sk_path_join(folder, "kho.db");
	char buf[64];

	assert_non_null(file);
	assert_int_equal(sk_mkdir_private(folder), 0);
	errno = 0;
	assert_int_equal(sk_mkdir_private(folder), -1);
	assert_int_equal(errno, EEXIST);

	assert_int_equal(sk_create_private(file), 0);
	assert_int_equal(read_file(file, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	/* An existing file is left as it is. */
	write_file(file, "đã có");
	assert_int_equal(sk_create_private(file), 0);
	assert_int_equal(read_file(file, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "đã có");
#ifndef _WIN32 /* Windows has no mode bits: the user's own folders are private */
	{
		struct stat sb;

		assert_int_equal(stat(folder, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0700);
		assert_int_equal(stat(file, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
	}
#endif
	errno = 0;
	assert_int_equal(sk_create_private("/nonexistent-dir-sk/x/kho.db"), -1);
	assert_int_equal(errno, ENOENT);
	free(file);
	free(folder);
}

/* A folder that is not there, or a file, is an error on every system. */
static void test_fsync_dir_needs_a_folder(void **state)
{
	struct fixture *f = *state;
	char *missing = in_dir(f, "không có");
	char *file = in_dir(f, "tệp.txt");

	assert_int_equal(sk_fsync_dir(f->dir), 0);
	errno = 0;
	assert_int_equal(sk_fsync_dir(missing), -1);
	assert_int_equal(errno, ENOENT);
	write_file(file, "x");
	errno = 0;
	assert_int_equal(sk_fsync_dir(file), -1);
	assert_int_equal(errno, ENOTDIR);
	free(missing);
	free(file);
}

/* Sizes and positions beyond what 32 bits hold (a sparse file: a few
 * bytes on disk). */
static void test_size_and_seek_past_4gib(void **state)
{
	struct fixture *f = *state;
	const uint64_t beyond = (UINT64_C(5) << 30) + 7;
	char *path = in_dir(f, "tệp lớn.bin");
	FILE *fp = sk_fopen(path, "w+b");
	uint64_t size = 1;
	char c[4] = "";

	assert_non_null(fp);
	assert_int_equal(sk_file_size(fp, &size), 0);
	assert_int_equal(size, 0);
	assert_int_equal(fwrite("head", 1, 4, fp), 4);
	assert_int_equal(sk_fseek(fp, beyond), 0);
	assert_int_equal(fwrite("tail", 1, 4, fp), 4);
	assert_int_equal(sk_fsync(fp), 0);
	assert_int_equal(sk_file_size(fp, &size), 0);
	assert_true(size == beyond + 4);

	assert_int_equal(sk_fseek(fp, beyond + 1), 0);
	assert_int_equal(fread(c, 1, 3, fp), 3);
	assert_memory_equal(c, "ail", 3);
	assert_int_equal(sk_fseek(fp, 1), 0);
	assert_int_equal(fread(c, 1, 3, fp), 3);
	assert_memory_equal(c, "ead", 3);
	errno = 0;
	assert_int_equal(sk_fseek(fp, UINT64_MAX), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(fclose(fp), 0);
	free(path);
}

static void test_temp_beside_final_name(void **state)
{
	struct fixture *f = *state;
	char *final = in_dir(f, "Báo cáo tiến độ.csv");
	char *tmp1 = NULL, *tmp2 = NULL, buf[64];
	FILE *a = sk_temp_beside(final, &tmp1), *b = sk_temp_beside(final, &tmp2);

	assert_non_null(a);
	assert_non_null(b);
	assert_string_not_equal(tmp1, tmp2);
	assert_memory_equal(tmp1, final, strlen(final));
	assert_memory_equal(tmp2, final, strlen(final));
	assert_true(fputs("mã,đơn vị\n", a) >= 0);
	assert_int_equal(sk_fsync(a), 0);
	assert_int_equal(fclose(a), 0);
	assert_int_equal(fclose(b), 0);
	assert_int_equal(sk_rename_replace(tmp1, final), 0);
	assert_int_equal(read_file(final, buf, sizeof(buf)), 0);
	/* Bytes as written: no CR added on Windows either. */
	assert_string_equal(buf, "mã,đơn vị\n");
	assert_int_equal(sk_remove(tmp2), 0);
	free(tmp1);
	free(tmp2);
	free(final);
}

static void test_path_separators(void **state)
{
	char *p = sk_path_join("thư mục", "tệp.txt");

	(void)state;
	assert_true(sk_is_path_separator('/'));
	assert_false(sk_is_path_separator(':'));
#ifdef _WIN32
	assert_true(sk_is_path_separator('\\'));
	assert_string_equal(p, "thư mục\\tệp.txt");
#else
	assert_false(sk_is_path_separator('\\'));
	assert_string_equal(p, "thư mục/tệp.txt");
#endif
	free(p);
}

static void test_getline_keeps_bytes(void **state)
{
	struct fixture *f = *state;
	char *path = in_dir(f, "dòng.txt");
	char longline[1001], *line = NULL;
	size_t cap = 0;
	FILE *fp;

	memset(longline, 'a', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = '\0';
	fp = sk_fopen(path, "wb");
	assert_non_null(fp);
	fprintf(fp, "một\r\n%s\n\nba", longline);
	assert_int_equal(fclose(fp), 0);

	fp = sk_fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(sk_getline(&line, &cap, fp), 7);
	assert_string_equal(line, "một\r\n");
	assert_int_equal(sk_getline(&line, &cap, fp), 1001);
	assert_int_equal(line[1000], '\n');
	assert_int_equal(sk_getline(&line, &cap, fp), 1);
	assert_int_equal(sk_getline(&line, &cap, fp), 2); /* the last, without newline */
	assert_string_equal(line, "ba");
	assert_int_equal(sk_getline(&line, &cap, fp), -1);
	fclose(fp);
	free(line);
	free(path);
}

/* A value with Vietnamese letters comes back in UTF-8 (on Windows it is
 * kept in UTF-16 and converted). */
static void test_environment_in_utf8(void **state)
{
	(void)state;
#ifdef _WIN32
	assert_int_equal(_wputenv_s(L"SK_TEST_PLACE", L"Thành phố Hồ Chí Minh"), 0);
#else
	assert_int_equal(setenv("SK_TEST_PLACE", "Thành phố Hồ Chí Minh", 1), 0);
#endif
	assert_string_equal(sk_getenv("SK_TEST_PLACE"), "Thành phố Hồ Chí Minh");
	unsetenv("SK_TEST_PLACE");
	assert_null(sk_getenv("SK_TEST_PLACE"));
	assert_null(sk_getenv("SK_TEST_NEVER_SET_ANYWHERE"));
}

static void test_lockfile_one_holder(void **state)
{
	struct fixture *f = *state;
	char *path = in_dir(f, "kho.db.ui");
	struct sk_lockfile *mine = NULL, *other = NULL;
	char buf[64];

	assert_int_equal(sk_lockfile_open(path, &mine), SK_LOCK_MINE);
	assert_int_equal(sk_lockfile_write(mine, "http://127.0.0.1:1/\n", 20), 0);
	assert_int_equal(sk_lockfile_write(mine, "http://127.0.0.1:2/", 19), 0);
	/* Another opening, in this process too, finds it held and reads it. */
	assert_int_equal(sk_lockfile_open(path, &other), SK_LOCK_HELD);
	assert_int_equal(sk_lockfile_read(other, buf, sizeof(buf)), 19);
	assert_memory_equal(buf, "http://127.0.0.1:2/", 19);
	sk_lockfile_close(other, false);
	sk_lockfile_close(mine, true);
	errno = 0;
	assert_int_equal(read_file(path, buf, sizeof(buf)), -1);
	assert_int_equal(errno, ENOENT);
	/* Released: the next one holds it. */
	assert_int_equal(sk_lockfile_open(path, &mine), SK_LOCK_MINE);
	sk_lockfile_close(mine, true);
	sk_lockfile_close(NULL, true);
	errno = 0;
	assert_int_equal(sk_lockfile_open("/nonexistent-dir-sk/x/kho.db.ui", &mine), SK_LOCK_ERROR);
	assert_null(mine);
	assert_int_equal(errno, ENOENT);
	free(path);
}

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	interrupted = sig;
}

static void test_interrupt_calls_the_handler(void **state)
{
	(void)state;
	sk_interrupt_catch(on_interrupt);
	assert_int_equal(raise(SIGINT), 0);
	assert_int_equal(interrupted, SIGINT);
	sk_interrupt_release();
}

/* sk_localtime's offset is what the local fields say against UTC. */
static void test_localtime_offset(void **state)
{
	const time_t moments[] = {0, 1647327909, 1704067200};

	(void)state;
	for (size_t i = 0; i < sizeof(moments) / sizeof(moments[0]); i++) {
		struct tm local, utc;
		time_t shifted;
		long off = -1;

		assert_true(sk_localtime(moments[i], &local, &off));
		assert_true(off >= -14 * 3600 && off <= 14 * 3600);
		shifted = moments[i] + off;
#ifdef _WIN32
		assert_int_equal(gmtime_s(&utc, &shifted), 0);
#else
		assert_non_null(gmtime_r(&shifted, &utc));
#endif
		assert_int_equal(local.tm_year, utc.tm_year);
		assert_int_equal(local.tm_yday, utc.tm_yday);
		assert_int_equal(local.tm_hour, utc.tm_hour);
		assert_int_equal(local.tm_min, utc.tm_min);
	}
}

static void test_console_and_computer(void **state)
{
	struct fixture *f = *state;
	char *path = in_dir(f, "không phải bàn phím.txt");
	char name[256], small[3];
	FILE *fp;

	fp = sk_fopen(path, "wb");
	assert_non_null(fp);
	assert_false(sk_isatty(fp));
	fclose(fp);
	assert_int_equal(sk_hostname(name, sizeof(name)), 0);
	assert_true(strlen(name) > 0);
	assert_int_equal(sk_hostname(small, sizeof(small)), 0);
	assert_true(strlen(small) <= 2);
	assert_int_equal(sk_hostname(small, 0), -1);
	free(path);
}

int main(int argc, char **argv)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_files_by_vietnamese_name),
	    T(test_private_file_and_folder),
	    T(test_fsync_dir_needs_a_folder),
	    T(test_size_and_seek_past_4gib),
	    T(test_temp_beside_final_name),
	    cmocka_unit_test(test_path_separators),
	    T(test_getline_keeps_bytes),
	    cmocka_unit_test(test_environment_in_utf8),
	    T(test_lockfile_one_holder),
	    cmocka_unit_test(test_interrupt_calls_the_handler),
	    cmocka_unit_test(test_localtime_offset),
	    T(test_console_and_computer),
	};

	/* As the clients start: UTF-8 arguments, binary streams, Winsock. */
	if (sk_platform_init(&argc, &argv) != 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
