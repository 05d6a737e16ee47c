/* dispatch.c - see dispatch.h. */
#include "dispatch.h"

#include "handlers.h"
#include "policy.h"
#include "wire.h"

void dispatch_request(struct conn *c, const Sangkien__Envelope *env)
{
	Sangkien__Envelope__BodyCase body = env->body_case;

	if (!policy_is_request(body)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_PROTOCOL, NULL,
				"\"%s\" is not a request", wire_body_name(body));
		conn_close(c);
		return;
	}
	if (c->state == CONN_AWAIT_HELLO) {
		if (body != SANGKIEN__ENVELOPE__BODY_HELLO) {
			conn_send_error(c, env->request_id,
					SANGKIEN__ERROR_CODE__ERROR_HELLO_REQUIRED, NULL,
					"the first request must be hello");
			conn_close(c);
			return;
		}
		handle_hello(c, env);
		return;
	}
	if (body == SANGKIEN__ENVELOPE__BODY_HELLO) {
		conn_send_error(c, env->request_id,
				SANGKIEN__ERROR_CODE__ERROR_ALREADY_AUTHENTICATED, NULL,
				"this connection has already said hello");
		return;
	}
	if (!policy_allows(c->sess.role, body)) {
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_FORBIDDEN, NULL,
				"this credential may not make a %s request", wire_body_name(body));
		return;
	}
	switch (body) {
	case SANGKIEN__ENVELOPE__BODY_PING:
		handle_ping(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_ENROLL:
		handle_enroll(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_SUBMIT:
		handle_submit(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_QUOTA:
		handle_quota(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_PUT_UNIT:
		handle_put_unit(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_IMPORT_UNITS:
		handle_import_units(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_CREATE_ENROLLMENT:
		handle_create_enrollment(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_PROGRESS:
		handle_progress(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_EDIT:
		handle_edit(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_WITHDRAW:
		handle_withdraw(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_PULL:
		handle_pull(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_REVIEW:
		handle_review(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_AUDIT:
		handle_audit(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_LIST_INITIATIVES:
		handle_list_initiatives(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_SIMILAR:
		handle_similar(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_CREATE_CREDENTIAL:
		handle_create_credential(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_LIST_CREDENTIALS:
		handle_list_credentials(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_REVOKE_CREDENTIAL:
		handle_revoke_credential(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_PUT_CAMPAIGN:
		handle_put_campaign(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_SET_TARGET:
		handle_set_target(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_REPORT:
		handle_report(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_UPLOAD_START:
		handle_upload_start(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_UPLOAD_CHUNK:
		handle_upload_chunk(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_UPLOAD_COMMIT:
		handle_upload_commit(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_ATTACH:
		handle_attach(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_DETACH:
		handle_detach(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_LIST_ATTACHMENTS:
		handle_list_attachments(c, env);
		break;
	case SANGKIEN__ENVELOPE__BODY_FILE_CHUNK:
		handle_file_chunk(c, env);
		break;
	default:
		conn_send_error(c, env->request_id, SANGKIEN__ERROR_CODE__ERROR_PROTOCOL, NULL,
				"unsupported request");
		conn_close(c);
		break;
	}
}
