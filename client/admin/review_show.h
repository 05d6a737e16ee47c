/*
 * review_show.h - `sangkien-admin review show UUID`: one initiative in full
 * for the officer deciding on it: content, authors, status, recognition and
 * reward, the review notes, its history from the audit trail and the
 * similar initiatives, in Vietnamese, dates dd/mm/yyyy, local time.
 */
#ifndef SANGKIEN_REVIEW_SHOW_H
#define SANGKIEN_REVIEW_SHOW_H

#include "admin_session.h"

/* argv[0] is "show"; returns an enum admin_exit status. */
int review_show(const struct admin_globals *g, int argc, char **argv);

#endif
