/* policy.c - see policy.h. */
#include "policy.h"

bool policy_is_request(Sangkien__Envelope__BodyCase body)
{
	switch (body) {
	case SANGKIEN__ENVELOPE__BODY_HELLO:
	case SANGKIEN__ENVELOPE__BODY_PING:
	case SANGKIEN__ENVELOPE__BODY_ENROLL:
	case SANGKIEN__ENVELOPE__BODY_SUBMIT:
	case SANGKIEN__ENVELOPE__BODY_QUOTA:
	case SANGKIEN__ENVELOPE__BODY_PUT_UNIT:
	case SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS:
	case SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT:
	case SANGKIEN__ENVELOPE__BODY_PROGRESS:
		return true;
	default:
		return false;
	}
}

bool policy_is_operator(Sangkien__Role role)
{
	return role == SANGKIEN__ROLE__ROLE_OPERATOR || role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
}

bool policy_allows(Sangkien__Role role, Sangkien__Envelope__BodyCase body)
{
	bool known = role == SANGKIEN__ROLE__ROLE_ANONYMOUS || role == SANGKIEN__ROLE__ROLE_UNIT ||
		     policy_is_operator(role);
	if (!known)
		return false;
	switch (body) {
	case SANGKIEN__ENVELOPE__BODY_PING:
	case SANGKIEN__ENVELOPE__BODY_ENROLL:
		return true;
	case SANGKIEN__ENVELOPE__BODY_SUBMIT:
		return role == SANGKIEN__ROLE__ROLE_UNIT;
	case SANGKIEN__ENVELOPE__BODY_QUOTA:
		return role == SANGKIEN__ROLE__ROLE_UNIT || policy_is_operator(role);
	case SANGKIEN__ENVELOPE__BODY_PUT_UNIT:
	case SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS:
	case SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT:
	case SANGKIEN__ENVELOPE__BODY_PROGRESS:
		return policy_is_operator(role);
	default:
		return false;
	}
}
