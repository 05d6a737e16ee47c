/*
 * report_doc.h - the parts of an official document (văn bản hành chính,
 * Decree 30/2020/NĐ-CP) that a report's figures do not hold: the body above
 * the issuer, the number and symbol, place and date, recipients (nơi nhận)
 * and the signer.  The operator sets them in the [report] section of
 * admin.conf and overrides them with `report` options.
 *
 * [report] keys (each once, except recipient which repeats, one per line):
 *   parent_body       line above the issuer ("Liên đoàn Lao động TP Hồ Chí Minh")
 *   issuer            the issuing body (default: the report's scope name)
 *   symbol            the symbol after the number ("BC-LĐLĐ"; default "BC")
 *   place             the place before the date ("Quận 11")
 *   signer_authority  "TM. BAN THƯỜNG VỤ" (empty: none)
 *   signer_title      "PHÓ CHỦ TỊCH"
 *   signer_name       "Phan Thị Minh Duyên"
 *   recipient         one recipient ("Ban CSPL LĐLĐ TP"); repeat the key
 */
#ifndef SANGKIEN_REPORT_DOC_H
#define SANGKIEN_REPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every string is owned by the struct (report_doc_clear); NULL: not set. */
struct report_doc {
	char *parent_body;
	char *issuer;
	char *symbol;
	char *number; /* "28" or "28/BC-LĐLĐ"; NULL: left blank to fill by hand */
	char *place;
	char *signer_authority;
	char *signer_title;
	char *signer_name;
	char **recipients;
	size_t n_recipients;
	bool has_date;
	int32_t date_days; /* days since 1970-01-01; !has_date: the figures' day */
};

#define REPORT_DOC_RECIPIENTS_MAX 40

/*
 * Read the [report] section of the INI file at path (NULL or missing: no
 * error, nothing set).  Other sections are not looked at.  Returns 0, or -1
 * with a Vietnamese message in err naming the file, line and key (unknown
 * key, empty value, text too long or not one line, too many recipients).
 */
int report_doc_load(struct report_doc *d, const char *path, char *err, size_t errlen);

/*
 * Set one field by its key name (as in the file), replacing what was there;
 * "recipient" appends.  `what` names the source in messages ("--signer").
 * Returns 0, or -1 with a message in err.
 */
int report_doc_set(struct report_doc *d, const char *key, const char *value, const char *what,
		   char *err, size_t errlen);

void report_doc_clear_recipients(struct report_doc *d);
void report_doc_clear(struct report_doc *d);

#endif
