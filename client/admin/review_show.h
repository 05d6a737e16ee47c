/*
 * review_show.h - `sangkien-admin review show UUID`: one initiative in full
 * for the officer deciding on it: content, authors, status, recognition and
 * reward, the review notes, its history from the audit trail and the
 * similar initiatives, in Vietnamese, dates dd/mm/yyyy, local time.
 */
#ifndef SANGKIEN_REVIEW_SHOW_H
#define SANGKIEN_REVIEW_SHOW_H

#include <stddef.h>
#include <stdint.h>

#include "admin_session.h"

/* What an officer reads of an initiative's past and its neighbours. */
#define REVIEW_HISTORY_MAX 200
#define REVIEW_SIMILAR_MAX 5

/* argv[0] is "show"; returns an enum admin_exit status. */
int review_show(const struct admin_globals *g, int argc, char **argv);

/*
 * The parts `review show` reads, for any other view of them (the
 * console): the initiative's audit entries, oldest first, at most max
 * (AuditReply, `more` when there are others), and its similar initiatives
 * in the operator's scope, most similar first (SimilarReply).  On
 * ADMIN_EXIT_OK *reply is the caller's (wire_envelope_free).  Everything in
 * it is from the network: unfiltered.  A failure's message is printed on
 * stderr, or put in msg (admin_session_call_msg) when msg is not NULL.
 */
int review_history_fetch(struct sk_conn *c, const char *uuid, uint32_t max,
			 Sangkien__Envelope **reply, char *msg, size_t msglen);
int review_similar_fetch(struct sk_conn *c, const char *uuid, uint32_t max,
			 Sangkien__Envelope **reply, char *msg, size_t msglen);

/* Who made an audit entry, as a person reads it: the operator's label, a
 * unit's device as "Q11-027 (máy LABEL)", or "máy chủ".  Unfiltered. */
void review_history_who(const Sangkien__AuditEntry *e, char *out, size_t outlen);

/* A SimilarItem's figure (0..1) as a whole percentage, 0..100. */
int review_similar_percent(double similarity);

#endif
