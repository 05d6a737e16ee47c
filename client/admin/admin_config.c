/*
 * admin_config.c - server and credential resolution (see admin_config.h).
 */
#include "admin_config.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "platform.h"
#include "xalloc.h"

struct ini_state {
	char *server;
	char *credential;
	char *ca_file;
	char *bad_key; /* first unknown key or section */
	int bad_empty; /* a known key with an empty value */
};

static int on_ini(void *user, const char *section, const char *name, const char *value)
{
	struct ini_state *st = user;
	char **slot = NULL;

	if (st == NULL) /* never: inih passes admin_config_load's state */
		return 0;
	/* The official report's settings, read by report_doc.c. */
	if (strcmp(section, "report") == 0)
		return 1;
	if (section[0] == '\0' && strcmp(name, "server") == 0)
		slot = &st->server;
	else if (section[0] == '\0' && strcmp(name, "credential") == 0)
		slot = &st->credential;
	else if (section[0] == '\0' && strcmp(name, "ca_file") == 0)
		slot = &st->ca_file;
	if (!slot) {
		if (!st->bad_key)
			st->bad_key = xasprintf("%s%s%s", section, section[0] ? "." : "", name);
		return 0;
	}
	if (value[0] == '\0') {
		st->bad_empty = 1;
		return 0;
	}
	free(*slot);
	*slot = xstrdup(value);
	return 1;
}

/* Printable ASCII without spaces: what a credential looks like. */
static int credential_is_plausible(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7F)
			return 0;
	return i > 0 && i <= ADMIN_CREDENTIAL_MAX;
}

static int read_credential_file(const char *path, char **out, char *err, size_t errlen)
{
	char buf[ADMIN_CREDENTIAL_MAX + 2];
	FILE *f = sk_fopen(path, "r");
	size_t n;

	if (!f) {
		snprintf(err, errlen, "--credential-file: không mở được '%s': %s", path,
			 strerror(errno));
		return -1;
	}
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The file usually ends with a newline; nothing else may follow. */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' ' ||
			 buf[n - 1] == '\t'))
		buf[--n] = '\0';
	if (!credential_is_plausible(buf)) {
		snprintf(err, errlen,
			 "--credential-file: '%s' không chứa một chuỗi xác thực hợp lệ "
			 "(một dòng ký tự in được, tối đa %d ký tự)",
			 path, ADMIN_CREDENTIAL_MAX);
		return -1;
	}
	*out = xstrdup(buf);
	return 0;
}

void admin_config_sources_from_env(struct admin_config_sources *src, const char *opt_server,
				   const char *opt_credential_file)
{
	char *dir = sk_user_config_dir();

	memset(src, 0, sizeof(*src));
	src->opt_server = opt_server;
	src->opt_credential_file = opt_credential_file;
	src->env_server = sk_getenv("SANGKIEN_ADMIN_SERVER");
	src->env_credential = sk_getenv("SANGKIEN_ADMIN_CREDENTIAL");
	src->env_ca_file = sk_getenv("SANGKIEN_CA_FILE");
	/* No per-user folder (no HOME): no configuration file. */
	src->config_path = dir ? sk_path_join(dir, "admin.conf") : NULL;
	free(dir);
}

void admin_config_sources_clear(struct admin_config_sources *src)
{
	free((char *)src->config_path);
	src->config_path = NULL;
}

int admin_config_resolve(const struct admin_config_sources *src, struct admin_config *out,
			 char *err, size_t errlen)
{
	struct ini_state ini = {0};
	int rc;

	memset(out, 0, sizeof(*out));
	if (src->config_path) {
		FILE *f = sk_fopen(src->config_path, "r");

		/* -1 like ini_parse() for a file that cannot be opened. */
		rc = f ? ini_parse_file(f, on_ini, &ini) : -1;
		if (f)
			fclose(f);
		if (rc > 0) {
			if (ini.bad_key)
				snprintf(err, errlen,
					 "%s:%d: khóa '%s' không được hỗ trợ (chỉ có server, "
					 "credential, ca_file và mục [report])",
					 src->config_path, rc, ini.bad_key);
			else if (ini.bad_empty)
				snprintf(err, errlen, "%s:%d: giá trị trống", src->config_path, rc);
			else
				snprintf(err, errlen, "%s:%d: dòng không đúng cú pháp INI",
					 src->config_path, rc);
			goto fail;
		}
		if (rc < -1) {
			snprintf(err, errlen, "%s: hết bộ nhớ khi đọc", src->config_path);
			goto fail;
		}
		/* rc == -1: no such file, which is fine. */
	}

	if (src->opt_server && src->opt_server[0]) {
		out->server = xstrdup(src->opt_server);
		out->server_from = "--server";
	} else if (src->env_server && src->env_server[0]) {
		out->server = xstrdup(src->env_server);
		out->server_from = "SANGKIEN_ADMIN_SERVER";
	} else if (ini.server) {
		out->server = xstrdup(ini.server);
		out->server_from = src->config_path;
	}

	if (src->opt_credential_file) {
		if (read_credential_file(src->opt_credential_file, &out->credential, err, errlen) !=
		    0)
			goto fail;
		out->credential_from = "--credential-file";
	} else if (src->env_credential && src->env_credential[0]) {
		if (!credential_is_plausible(src->env_credential)) {
			snprintf(err, errlen,
				 "SANGKIEN_ADMIN_CREDENTIAL: không phải chuỗi xác thực hợp lệ");
			goto fail;
		}
		out->credential = xstrdup(src->env_credential);
		out->credential_from = "SANGKIEN_ADMIN_CREDENTIAL";
	} else if (ini.credential) {
		if (!credential_is_plausible(ini.credential)) {
			snprintf(err, errlen, "%s: credential: không phải chuỗi xác thực hợp lệ",
				 src->config_path);
			goto fail;
		}
		out->credential = xstrdup(ini.credential);
		out->credential_from = src->config_path;
	}
	if (src->opt_ca_file && src->opt_ca_file[0])
		out->ca_file = xstrdup(src->opt_ca_file);
	else if (src->env_ca_file && src->env_ca_file[0])
		out->ca_file = xstrdup(src->env_ca_file);
	else if (ini.ca_file)
		out->ca_file = xstrdup(ini.ca_file);
	free(ini.server);
	free(ini.credential);
	free(ini.ca_file);
	free(ini.bad_key);
	return 0;
fail:
	free(ini.server);
	free(ini.credential);
	free(ini.ca_file);
	free(ini.bad_key);
	admin_config_clear(out);
	return -1;
}

void admin_config_clear(struct admin_config *cfg)
{
	free(cfg->server);
	free(cfg->credential);
	free(cfg->ca_file);
	memset(cfg, 0, sizeof(*cfg));
}
