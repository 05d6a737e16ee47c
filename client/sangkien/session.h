/*
 * session.h - an authenticated connection for the unit: the server address
 * and credential come from the store, the hello is checked to be a unit's.
 * Also the one place where network outcomes become this program's
 * Vietnamese messages (exit statuses: sk_exit_for, client/common).
 */
#ifndef SANGKIEN_SESSION_H
#define SANGKIEN_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "net.h"
#include "store.h"

struct session {
	struct sk_conn *conn;
	char *server;	 /* [tls://]HOST:PORT from the store */
	char *unit_code; /* the credential's unit, from HelloReply */
	char *unit_name;
	uint32_t max_batch; /* the server's limits (0: not announced) */
	uint32_t max_frame;
	/* Dossiers (PROTOCOL.md 10.1), checked and kept in the store for
	 * attach: 0 when the server takes no files. */
	uint64_t max_file, max_dossier;
	uint32_t max_chunk;
};

/* The largest file limit a server may announce (a bigger one is a broken
 * or hostile server, a protocol error). */
#define SESSION_MAX_FILE_HARD (1ull << 40)

/* The session as a sync_pipe (sync.h): net_send / net_receive on its
 * connection.  Fills and returns pipe. */
struct sync_pipe;
const struct sync_pipe *session_pipe(struct session *s, struct sync_pipe *pipe);

/*
 * Connect to the enrolled server and say hello with the stored credential.
 * Returns CLIENT_EXIT_OK with *out set (free with session_close), or another
 * enum client_exit value with a Vietnamese message in err:
 * CLIENT_EXIT_ERROR when the device is not enrolled, CLIENT_EXIT_OFFLINE when
 * the server cannot be reached, CLIENT_EXIT_CREDENTIAL when it refuses the
 * credential.
 */
int session_open(struct store *st, int timeout_ms, struct session **out, char *err, size_t errlen);
void session_close(struct session *s);

/*
 * The CA certificates a tls:// server address is verified against: the file
 * named by env SANGKIEN_CA_FILE, else ca_pem (kept by `enroll --ca-file`;
 * may be NULL), else the system's CA store.  Fills and returns t, which
 * borrows its strings.
 */
const struct net_trust *session_trust(const char *ca_pem, struct net_trust *t);

/*
 * A Vietnamese sentence for a failed step: what happened and what to do,
 * followed by the technical detail (detail may be NULL).
 */
void session_describe(enum net_status ns, Sangkien__ErrorCode code, const char *detail, char *out,
		      size_t outlen);

#endif
