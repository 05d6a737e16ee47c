/*
 * dispatch.h - route one decoded request to its handler after the
 * connection-state and role checks (policy.h).
 */
#ifndef SK_DISPATCH_H
#define SK_DISPATCH_H

#include "conn.h"

/* Handle env (owned by the caller, valid only during the call: handlers copy
 * what they keep).  The connection is READY or AWAIT_HELLO on entry. */
void dispatch_request(struct conn *c, const Sangkien__Envelope *env);

#endif
