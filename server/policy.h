/*
 * policy.h - who may send what.  Pure functions, the single place where the
 * role rules live (scope within the unit tree is checked by the database).
 */
#ifndef SK_POLICY_H
#define SK_POLICY_H

#include <stdbool.h>

#include "sangkien.pb-c.h"

/* True for bodies a client may send (requests); false for replies, errors
 * and unknown bodies. */
bool policy_is_request(Sangkien__Envelope__BodyCase body);

/* True when a session with this role may make the request.  Hello is not
 * covered (it is decided by the connection state). */
bool policy_allows(Sangkien__Role role, Sangkien__Envelope__BodyCase body);

/* True for operators and administrators. */
bool policy_is_operator(Sangkien__Role role);

#endif
