/* policy.c - see policy.h. */
#include "policy.h"

bool policy_is_request(Sangkien__Envelope__BodyCase body)
{
	switch (body) {
	case SANGKIEN__ENVELOPE__BODY_HELLO:
	case SANGKIEN__ENVELOPE__BODY_PING:
	case SANGKIEN__ENVELOPE__BODY_EDIT:
	case SANGKIEN__ENVELOPE__BODY_WITHDRAW:
	case SANGKIEN__ENVELOPE__BODY_PULL:
	case SANGKIEN__ENVELOPE__BODY_ENROLL:
	case SANGKIEN__ENVELOPE__BODY_SUBMIT:
	case SANGKIEN__ENVELOPE__BODY_QUOTA:
	case SANGKIEN__ENVELOPE__BODY_PUT_UNIT:
	case SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS:
	case SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT:
	case SANGKIEN__ENVELOPE__BODY_PROGRESS:
	case SANGKIEN__ENVELOPE__BODY_REVIEW:
	case SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES:
	case SANGKIEN__ENVELOPE__BODY_SIMILAR:
	case SANGKIEN__ENVELOPE__BODY_AUDIT:
	case SANGKIEN__ENVELOPE__BODY_CREATE_CREDENTIAL:
	case SANGKIEN__ENVELOPE__BODY_LIST_CREDENTIALS:
	case SANGKIEN__ENVELOPE__BODY_REVOKE_CREDENTIAL:
	case SANGKIEN__ENVELOPE__BODY_PUT_CAMPAIGN:
	case SANGKIEN__ENVELOPE__BODY_SET_TARGET:
	case SANGKIEN__ENVELOPE__BODY_REPORT:
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
	/* A unit changes and pulls its own initiatives only (the unit comes
	 * from the credential); operators review instead. */
	case SANGKIEN__ENVELOPE__BODY_EDIT:
	case SANGKIEN__ENVELOPE__BODY_WITHDRAW:
	case SANGKIEN__ENVELOPE__BODY_PULL:
		return role == SANGKIEN__ROLE__ROLE_UNIT;
	case SANGKIEN__ENVELOPE__BODY_QUOTA:
		return role == SANGKIEN__ROLE__ROLE_UNIT || policy_is_operator(role);
	case SANGKIEN__ENVELOPE__BODY_PUT_UNIT:
	case SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS:
	case SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT:
	case SANGKIEN__ENVELOPE__BODY_PROGRESS:
	case SANGKIEN__ENVELOPE__BODY_REVIEW:
	case SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES:
	case SANGKIEN__ENVELOPE__BODY_SIMILAR:
	case SANGKIEN__ENVELOPE__BODY_AUDIT:
	case SANGKIEN__ENVELOPE__BODY_CREATE_CREDENTIAL:
	case SANGKIEN__ENVELOPE__BODY_LIST_CREDENTIALS:
	case SANGKIEN__ENVELOPE__BODY_REVOKE_CREDENTIAL:
		return policy_is_operator(role);
	/* Campaigns and phases hold for the whole tree. */
	case SANGKIEN__ENVELOPE__BODY_PUT_CAMPAIGN:
		return role == SANGKIEN__ROLE__ROLE_ADMINISTRATOR;
	case SANGKIEN__ENVELOPE__BODY_SET_TARGET:
	case SANGKIEN__ENVELOPE__BODY_REPORT:
		return policy_is_operator(role);
	default:
		return false;
	}
}
