/*
 * main.c - sangkiend's command line:
 *   sangkiend [serve] [-c FILE] [--listen ADDR:PORT] [--db CONNINFO]
 *             [--port-file FILE] [--log-level LEVEL]
 *             [--tls-cert PEM_FILE --tls-key PEM_FILE]
 *   sangkiend migrate [-c FILE] [--db CONNINFO]
 *   sangkiend create-operator [-c FILE] [--db CONNINFO] [--scope UNIT_CODE]
 *             [--label TEXT]
 * Exit status: 0 success, 1 failure, 2 usage error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "initiative_check.h"
#include "log.h"
#include "migrate.h"
#include "server.h"
#include "settings.h"

#define EXIT_USAGE 2

static void usage(FILE *f)
{
	fputs("usage: sangkiend [serve] [-c FILE] [--listen ADDR:PORT] [--db CONNINFO]\n"
	      "                 [--port-file FILE] [--log-level debug|info|warn|error]\n"
	      "                 [--tls-cert CERT.pem --tls-key KEY.pem]\n"
	      "       sangkiend migrate [-c FILE] [--db CONNINFO]\n"
	      "       sangkiend create-operator [-c FILE] [--db CONNINFO]\n"
	      "                 [--scope UNIT_CODE] [--label TEXT]\n"
	      "\n"
	      "--tls-cert/--tls-key (settings tls_cert_file, tls_key_file; both or neither):\n"
	      "the server's certificate chain and private key, PEM.  With them the listener\n"
	      "accepts TLS 1.2 or later only (clients use tls://HOST:PORT); without them it\n"
	      "speaks plaintext, for loopback or behind a TLS terminator.\n",
	      f);
}

/* Messages from libpq end in a newline; print each error as one block. */
static void print_error(char *err)
{
	size_t n = strlen(err);
	while (n > 0 && err[n - 1] == '\n')
		err[--n] = '\0';
	fprintf(stderr, "sangkiend: %s\n", err);
}

enum command { CMD_SERVE, CMD_MIGRATE, CMD_CREATE_OPERATOR };

struct options {
	enum command cmd;
	const char *config;
	const char *port_file;
	const char *scope;
	const char *label;
	/* settings given on the command line, applied after the file */
	const char *names[8];
	const char *values[8];
	int nset;
};

/* "--name VALUE" or "--name=VALUE"; advances *i past what it used. */
static const char *option_value(int argc, char **argv, int *i, const char *name)
{
	const char *arg = argv[*i];
	size_t n = strlen(name);
	if (strncmp(arg, name, n) != 0)
		return NULL;
	if (arg[n] == '=')
		return arg + n + 1;
	if (arg[n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		fprintf(stderr, "sangkiend: %s needs a value\n", name);
		exit(EXIT_USAGE);
	}
	*i += 1;
	return argv[*i];
}

static bool is_option(const char *arg, const char *name)
{
	size_t n = strlen(name);
	return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

static void parse_args(int argc, char **argv, struct options *o)
{
	int i = 1;
	memset(o, 0, sizeof(*o));
	if (i < argc && argv[i][0] != '-') {
		if (strcmp(argv[i], "serve") == 0)
			o->cmd = CMD_SERVE;
		else if (strcmp(argv[i], "migrate") == 0)
			o->cmd = CMD_MIGRATE;
		else if (strcmp(argv[i], "create-operator") == 0)
			o->cmd = CMD_CREATE_OPERATOR;
		else {
			fprintf(stderr, "sangkiend: unknown command \"%s\"\n", argv[i]);
			usage(stderr);
			exit(EXIT_USAGE);
		}
		i++;
	}
	for (; i < argc; i++) {
		const char *a = argv[i];
		const char *v;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			exit(0);
		} else if (strcmp(a, "-c") == 0 || is_option(a, "--config")) {
			if (strcmp(a, "-c") == 0) {
				if (i + 1 >= argc) {
					fprintf(stderr, "sangkiend: -c needs a file\n");
					exit(EXIT_USAGE);
				}
				o->config = argv[++i];
			} else {
				o->config = option_value(argc, argv, &i, "--config");
			}
		} else if (is_option(a, "--db")) {
			v = option_value(argc, argv, &i, "--db");
			o->names[o->nset] = "db";
			o->values[o->nset++] = v;
		} else if (o->cmd == CMD_SERVE && is_option(a, "--listen")) {
			v = option_value(argc, argv, &i, "--listen");
			o->names[o->nset] = "listen";
			o->values[o->nset++] = v;
		} else if (o->cmd == CMD_SERVE && is_option(a, "--log-level")) {
			v = option_value(argc, argv, &i, "--log-level");
			o->names[o->nset] = "log_level";
			o->values[o->nset++] = v;
		} else if (o->cmd == CMD_SERVE && is_option(a, "--tls-cert")) {
			v = option_value(argc, argv, &i, "--tls-cert");
			o->names[o->nset] = "tls_cert_file";
			o->values[o->nset++] = v;
		} else if (o->cmd == CMD_SERVE && is_option(a, "--tls-key")) {
			v = option_value(argc, argv, &i, "--tls-key");
			o->names[o->nset] = "tls_key_file";
			o->values[o->nset++] = v;
		} else if (o->cmd == CMD_SERVE && is_option(a, "--port-file")) {
			o->port_file = option_value(argc, argv, &i, "--port-file");
		} else if (o->cmd == CMD_CREATE_OPERATOR && is_option(a, "--scope")) {
			o->scope = option_value(argc, argv, &i, "--scope");
		} else if (o->cmd == CMD_CREATE_OPERATOR && is_option(a, "--label")) {
			o->label = option_value(argc, argv, &i, "--label");
		} else {
			fprintf(stderr, "sangkiend: unknown option \"%s\"\n", a);
			usage(stderr);
			exit(EXIT_USAGE);
		}
		if (o->nset >= 7) {
			fprintf(stderr, "sangkiend: too many options\n");
			exit(EXIT_USAGE);
		}
	}
}

int main(int argc, char **argv)
{
	struct options o;
	struct settings s;
	char err[1024];
	int rc = 1;

	parse_args(argc, argv, &o);
	struct settings_source src = {o.config, o.nset, o.names, o.values};
	if (!settings_build(&s, &src, err, sizeof(err))) {
		print_error(err);
		return EXIT_USAGE;
	}
	log_set_level(s.log_level);

	switch (o.cmd) {
	case CMD_MIGRATE:
		if (migrate_run(s.db, stdout, err, sizeof(err)))
			rc = 0;
		else
			print_error(err);
		break;
	case CMD_CREATE_OPERATOR: {
		char cred[AUTH_CREDENTIAL_LEN + 1];
		if (o.scope && !unit_code_is_valid(o.scope)) {
			fprintf(stderr, "sangkiend: --scope: \"%s\" is not a unit code\n", o.scope);
			rc = EXIT_USAGE;
			break;
		}
		if (o.label && !utf8_is_valid(o.label, strlen(o.label), NULL)) {
			fprintf(stderr, "sangkiend: --label: not valid UTF-8\n");
			rc = EXIT_USAGE;
			break;
		}
		if (migrate_create_operator(s.db, o.scope, o.label, cred, err, sizeof(err))) {
			printf("%s\n", cred);
			memset(cred, 0, sizeof(cred));
			rc = fflush(stdout) == 0 ? 0 : 1;
		} else {
			print_error(err);
		}
		break;
	}
	case CMD_SERVE: {
		struct server *srv = server_create(&s, &src, o.port_file, err, sizeof(err));
		if (srv == NULL) {
			print_error(err);
			break;
		}
		rc = server_run(srv);
		server_free(srv);
		log_info("stopped");
		break;
	}
	}
	settings_release(&s);
	return rc;
}
