/*
 * admin_config.h - where sangkien-admin finds its server and credential.
 *
 * Each setting is taken from the first source that has it:
 *   server:     --server HOST:PORT, env SANGKIEN_ADMIN_SERVER, file key server
 *   credential: --credential-file FILE (holds the credential),
 *               env SANGKIEN_ADMIN_CREDENTIAL (is the credential),
 *               file key credential
 *   ca_file:    --ca-file FILE, env SANGKIEN_CA_FILE, file key ca_file: the
 *               CA certificates (PEM) a tls:// server is verified against;
 *               none: the system's CA store
 * The file is the INI file $XDG_CONFIG_HOME/sangkien/admin.conf
 * (~/.config/sangkien/admin.conf); a missing file is not an error.
 */
#ifndef SANGKIEN_ADMIN_CONFIG_H
#define SANGKIEN_ADMIN_CONFIG_H

#include <stddef.h>

/* Credentials are short tokens; anything longer is a wrong file. */
#define ADMIN_CREDENTIAL_MAX 1024

/* The inputs, borrowed from the caller; any may be NULL. */
struct admin_config_sources {
	const char *opt_server;
	const char *opt_credential_file;
	const char *env_server;
	const char *env_credential;
	const char *opt_ca_file;
	const char *env_ca_file;
	const char *config_path;
};

/* The result.  Strings are owned by the struct (admin_config_clear). */
struct admin_config {
	char *server;		 /* NULL when no source gives one */
	char *credential;	 /* NULL when no source gives one */
	char *ca_file;		 /* NULL when no source gives one */
	const char *server_from; /* which source, for messages */
	const char *credential_from;
};

/* Fill sources from the environment and the default file path.  The path
 * string is owned by *src until admin_config_sources_clear(). */
void admin_config_sources_from_env(struct admin_config_sources *src, const char *opt_server,
				   const char *opt_credential_file);
void admin_config_sources_clear(struct admin_config_sources *src);

/*
 * Resolve the settings.  Returns 0, or -1 with a Vietnamese message in err
 * when a source exists but is unusable (unreadable credential file, bad INI
 * line, unknown key, empty value).  A setting no source gives stays NULL:
 * the command decides whether it needs it.
 */
int admin_config_resolve(const struct admin_config_sources *src, struct admin_config *out,
			 char *err, size_t errlen);

void admin_config_clear(struct admin_config *cfg);

#endif
