/*
 * vn_date.h - calendar dates as Vietnamese users write them.
 *
 * People see dd/mm/yyyy ("15/03/2022").  Input accepts dd/mm/yyyy,
 * d/m/yyyy and ISO yyyy-mm-dd.  Files, the protocol and the store keep ISO
 * (proto's date_parse / date_format); only what people type and read goes
 * through here.  A date is days since 1970-01-01, as in proto.
 */
#ifndef SANGKIEN_VN_DATE_H
#define SANGKIEN_VN_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Room for a formatted date: "dd/mm/yyyy" and its NUL. */
#define VN_DATE_LEN 11

/*
 * Parse a date typed by a person: "15/03/2022", "5/3/2022" or "2022-03-15"
 * (white space around it is ignored).  True with *days set.  False with a
 * Vietnamese message in err (when err is not NULL) that quotes the text and
 * says either that it is not a date in one of those forms or that no such
 * day exists ("31/02/2022").
 */
bool vn_date_parse(const char *text, int32_t *days, char *err, size_t errlen);

/* Days since 1970-01-01 as "dd/mm/yyyy". */
void vn_date_format(int32_t days, char out[VN_DATE_LEN]);

/*
 * An ISO "yyyy-mm-dd" (as stored and sent) shown as "dd/mm/yyyy" in out.
 * Text that is not a valid ISO date is copied unchanged (cut to fit), so
 * showing never loses what was there.  iso NULL gives "".
 */
void vn_date_show_iso(const char *iso, char *out, size_t outlen);

/*
 * Parse a typed date (as vn_date_parse) into ISO "yyyy-mm-dd" in iso, the
 * form the store and the protocol use.  Same errors as vn_date_parse.
 */
bool vn_date_to_iso(const char *text, char iso[VN_DATE_LEN], char *err, size_t errlen);

#endif
