/* db_sqlstate.c - db_sqlstate_is_transient (db.h), apart from the pool so
 * that a stand-in for the pool (the server's fuzz target) shares the rule. */
#include <string.h>

#include "db.h"

bool db_sqlstate_is_transient(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return true;		   /* no server answer: connection trouble */
	return strncmp(s, "08", 2) == 0 || /* connection exception */
	       strncmp(s, "40", 2) == 0 || /* serialization, deadlock */
	       strncmp(s, "53", 2) == 0 || /* insufficient resources */
	       strncmp(s, "57", 2) == 0;   /* cancel, shutdown, statement_timeout */
}
