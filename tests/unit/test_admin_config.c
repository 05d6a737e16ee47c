/*
 * test_admin_config.c - where sangkien-admin takes its server and
 * credential from, in which order, and how it refuses bad sources.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "admin_config.h"

struct files {
	char dir[64];
	char conf[128];
	char cred[128];
};

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	struct files *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/test_admin_config.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->conf, sizeof(f->conf), "%s/admin.conf", f->dir);
	snprintf(f->cred, sizeof(f->cred), "%s/cred", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct files *f = *state;

	unlink(f->conf);
	unlink(f->cred);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void test_precedence(void **state)
{
	struct files *f = *state;
	struct admin_config_sources src = {0};
	struct admin_config cfg;
	char err[256] = "";

	write_file(f->conf, "; operator settings\nserver = file.example:7450\n"
			    "credential = from-file\n");
	write_file(f->cred, "from-cred-file\n");
	src.config_path = f->conf;

	assert_int_equal(admin_config_resolve(&src, &cfg, err, sizeof(err)), 0);
	assert_string_equal(cfg.server, "file.example:7450");
	assert_string_equal(cfg.credential, "from-file");
	admin_config_clear(&cfg);

	src.env_server = "env.example:1";
	src.env_credential = "from-env";
	assert_int_equal(admin_config_resolve(&src, &cfg, err, sizeof(err)), 0);
	assert_string_equal(cfg.server, "env.example:1");
	assert_string_equal(cfg.credential, "from-env");
	assert_string_equal(cfg.credential_from, "SANGKIEN_ADMIN_CREDENTIAL");
	admin_config_clear(&cfg);

	src.opt_server = "opt.example:2";
	src.opt_credential_file = f->cred;
	assert_int_equal(admin_config_resolve(&src, &cfg, err, sizeof(err)), 0);
	assert_string_equal(cfg.server, "opt.example:2");
	/* The trailing newline of the file is not part of the credential. */
	assert_string_equal(cfg.credential, "from-cred-file");
	assert_string_equal(cfg.server_from, "--server");
	admin_config_clear(&cfg);
}

static void test_missing_file_is_not_an_error(void **state)
{
	struct admin_config_sources src = {.config_path = "/nonexistent/admin.conf"};
	struct admin_config cfg;
	char err[256] = "";

	assert_int_equal(admin_config_resolve(&src, &cfg, err, sizeof(err)), 0);
	assert_null(cfg.server);
	assert_null(cfg.credential);
	admin_config_clear(&cfg);
}

static void test_bad_sources_refused(void **state)
{
	struct files *f = *state;
	struct admin_config_sources src = {0};
	struct admin_config cfg;
	char err[256] = "";

	src.config_path = f->conf;
	write_file(f->conf, "server = a:1\nservr = b:2\n");
	assert_int_equal(admin_config_resolve(&src, &cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":2:"));
	assert_non_null(strstr(err, "servr"));
	assert_null(cfg.server);

	write_file(f->conf, "server =\n");
	assert_int_equal(admin_config_resolve(&src, &cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, ":1:"));

	write_file(f->conf, "server = a:1\n");
	write_file(f->cred, "\n");
	src.opt_credential_file = f->cred;
	assert_int_equal(admin_config_resolve(&src, &cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "--credential-file"));

	write_file(f->cred, "two words\n");
	assert_int_equal(admin_config_resolve(&src, &cfg, err, sizeof(err)), -1);

	src.opt_credential_file = "/nonexistent/cred";
	assert_int_equal(admin_config_resolve(&src, &cfg, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/cred"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_precedence, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_missing_file_is_not_an_error, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_sources_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
