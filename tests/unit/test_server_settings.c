/* Settings: defaults, bounds, types, INI files and their error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "settings.h"

static void test_defaults(void **state)
{
	struct settings s;
	assert_true(settings_init(&s));
	assert_string_equal(s.listen, "127.0.0.1:7450");
	assert_int_equal(s.max_batch_items, 100);
	assert_int_equal(s.max_frame_bytes, 1048576);
	assert_int_equal(s.log_level, LOG_INFO);
	settings_release(&s);
}

static void test_bounds_and_types(void **state)
{
	struct settings s;
	char err[256];
	assert_true(settings_init(&s));

	assert_true(settings_set(&s, "max_batch_items", "1000", err, sizeof(err)));
	assert_int_equal(s.max_batch_items, 1000);
	assert_false(settings_set(&s, "max_batch_items", "1001", err, sizeof(err)));
	assert_non_null(strstr(err, "max_batch_items"));
	assert_non_null(strstr(err, "1..1000"));
	assert_int_equal(s.max_batch_items, 1000); /* unchanged on failure */
	assert_false(settings_set(&s, "max_batch_items", "0", err, sizeof(err)));
	assert_false(settings_set(&s, "max_batch_items", "-5", err, sizeof(err)));
	assert_false(settings_set(&s, "max_batch_items", "12abc", err, sizeof(err)));
	assert_false(settings_set(&s, "max_batch_items", "", err, sizeof(err)));
	assert_false(settings_set(&s, "max_batch_items", "99999999999999999999", err, sizeof(err)));
	/* The frame limit may not go below the pre-authentication limit. */
	assert_false(settings_set(&s, "max_frame_bytes", "1000", err, sizeof(err)));

	assert_true(settings_set(&s, "log_level", "debug", err, sizeof(err)));
	assert_int_equal(s.log_level, LOG_DEBUG);
	assert_false(settings_set(&s, "log_level", "verbose", err, sizeof(err)));
	assert_non_null(strstr(err, "verbose"));

	assert_true(settings_set(&s, "listen", "0.0.0.0:9000", err, sizeof(err)));
	assert_string_equal(s.listen, "0.0.0.0:9000");
	assert_false(settings_set(&s, "listen", "", err, sizeof(err)));

	assert_false(settings_set(&s, "no_such_thing", "1", err, sizeof(err)));
	assert_non_null(strstr(err, "no_such_thing"));
	settings_release(&s);
}

static void test_reloadable_flags(void **state)
{
	assert_true(settings_is_reloadable("max_batch_items"));
	assert_true(settings_is_reloadable("log_level"));
	assert_false(settings_is_reloadable("listen"));
	assert_false(settings_is_reloadable("db"));
	assert_false(settings_is_reloadable("nonexistent"));
	/* Every documented key is in the table. */
	const char *keys[] = {"listen",
			      "db",
			      "db_pool_size",
			      "max_connections",
			      "max_frame_bytes",
			      "max_batch_items",
			      "handshake_timeout_ms",
			      "idle_timeout_ms",
			      "query_timeout_ms",
			      "enrollment_valid_hours",
			      "log_level"};
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		bool found = false;
		for (size_t i = 0; i < settings_count(); i++)
			found |= strcmp(settings_name(i), keys[k]) == 0;
		assert_true(found);
	}
}

static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/test_server_settings_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static void test_apply_reloadable(void **state)
{
	struct settings live, fresh;
	char err[256];
	const char *names[] = {"max_batch_items", "db_pool_size", "log_level", "listen"};
	const char *values[] = {"7", "9", "debug", "127.0.0.1:9999"};
	struct settings_source src = {NULL, 4, names, values};

	(void)state;
	assert_true(settings_init(&live));
	assert_true(settings_build(&fresh, &src, err, sizeof(err)));
	/* Reloadable: copied; not reloadable: kept until a restart. */
	assert_int_equal(settings_apply_reloadable(&live, &fresh), 2);
	assert_int_equal(live.max_batch_items, 7);
	assert_int_equal(live.log_level, LOG_DEBUG);
	assert_int_equal(live.db_pool_size, 4);
	assert_string_equal(live.listen, "127.0.0.1:7450");
	/* Nothing left to apply the second time. */
	assert_int_equal(settings_apply_reloadable(&live, &fresh), 0);
	settings_release(&fresh);

	/* A bad value fails the whole build, naming the setting. */
	values[0] = "lots";
	assert_false(settings_build(&fresh, &src, err, sizeof(err)));
	assert_non_null(strstr(err, "max_batch_items"));
	settings_release(&live);
}

static void test_ini_file(void **state)
{
	struct settings s;
	char err[512];
	assert_true(settings_init(&s));
	char *path = write_temp("; comment\n"
				"db = host=/tmp dbname=sk\n"
				"[server]\n"
				"max_batch_items = 50\n"
				"[client]\n"
				"max_batch_items = 7\n");
	assert_true(settings_load_file(&s, path, err, sizeof(err)));
	assert_string_equal(s.db, "host=/tmp dbname=sk");
	assert_int_equal(s.max_batch_items, 50); /* other sections ignored */
	unlink(path);
	free(path);

	path = write_temp("max_batch_items = 5\n\nidle_timeout_ms = 1\nlog_level = x\n");
	assert_false(settings_load_file(&s, path, err, sizeof(err)));
	/* The first bad line, by number, and the key. */
	char expect[128];
	snprintf(expect, sizeof(expect), "%s:3: idle_timeout_ms", path);
	assert_non_null(strstr(err, expect));
	unlink(path);
	free(path);

	assert_false(settings_load_file(&s, "/nonexistent/sangkiend.ini", err, sizeof(err)));
	assert_non_null(strstr(err, "/nonexistent/sangkiend.ini"));
	settings_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults),	     cmocka_unit_test(test_bounds_and_types),
	    cmocka_unit_test(test_reloadable_flags), cmocka_unit_test(test_apply_reloadable),
	    cmocka_unit_test(test_ini_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
