/*
 * messages.h - Vietnamese wording for what the shared code says in English:
 * check errors (naming the command-line option) and item states.  Server
 * statuses, kinds and themes are named by client/common/vn_names.h.
 */
#ifndef SANGKIEN_MESSAGES_H
#define SANGKIEN_MESSAGES_H

#include <stddef.h>
#include <stdint.h>

#include "initiative_check.h"
#include "item.h"

/*
 * Where a checked field comes from on the command line, e.g. "--title" or
 * "--author (tác giả thứ 2, họ tên)".  Written into out.
 */
void messages_field_option(const char *field, char *out, size_t outlen);

/*
 * One line describing a check error for the user: the option and what is
 * wrong, in Vietnamese, with the English reason kept when it carries
 * details that have no translation here.
 */
void messages_check_error(const struct check_error *e, char *out, size_t outlen);

/* The same without the option: only what is wrong ("không được để trống"). */
void messages_check_reason(const struct check_error *e, char *out, size_t outlen);

/*
 * What `show` and the page say when the server sent only an initiative's
 * newest review notes (a frame holds so much): "3 ý kiến cũ hơn không hiện
 * ở đây".  Written into out.
 */
void messages_notes_omitted(uint32_t omitted, char *out, size_t outlen);

/* Vietnamese name of a state, e.g. "chờ gửi". */
const char *messages_state(enum item_state state);

/* Vietnamese description of a history event name (store_event.event). */
const char *messages_event(const char *event);

/*
 * Why a file cannot join a dossier, with the limit as the office reads it
 * (`attach` and the page say the same): from the copy's status (cs) or the
 * store's refusal (sr, when cs is ATTACH_COPY_OK).  name is the file's;
 * detail is the message of an ATTACH_COPY_IO.
 */
struct attach_limits;
enum attach_copy_status;
enum store_attach_refusal;
void messages_attach_refusal(const char *name, int cs, int sr, uint64_t size,
			     const struct attach_limits *lim, const char *detail, char *out,
			     size_t outlen);

#endif
