/* initiative_params.c - see initiative_params.h. */
#include "initiative_params.h"

#include <stdint.h>

#include "hex.h"
#include "initiative_check.h"

bool initiative_params_init(struct initiative_params *p, const Sangkien__Initiative *it)
{
	uint8_t sha[32];
	const char *theme = theme_name(it->theme);

	p->authors = (struct strbuf)STRBUF_INIT;
	/* sangkiend hashes on its event loop thread only: one context for
	 * the process, made at the first hash, reachable until exit. */
	static EVP_MD_CTX *hasher;
	if (hasher == NULL && (hasher = EVP_MD_CTX_new()) == NULL)
		return false;
	initiative_content_sha256_ctx(hasher, it, sha);
	hex_bytea_literal(sha, sizeof(sha), p->sha_sql);
	p->kind = kind_name(it->kind);
	p->theme = (theme && theme[0]) ? theme : NULL;
	strbuf_appends(&p->authors, "[");
	for (size_t i = 0; i < it->n_authors; i++) {
		const Sangkien__Author *a = it->authors[i];

		strbuf_appends(&p->authors, i ? ",{\"name\":" : "{\"name\":");
		strbuf_append_json(&p->authors, a->name ? a->name : "");
		strbuf_appends(&p->authors, ",\"position\":");
		strbuf_append_json(&p->authors, a->position ? a->position : "");
		strbuf_appends(&p->authors, "}");
	}
	strbuf_appends(&p->authors, "]");
	return strbuf_str(&p->authors) != NULL;
}

const char *initiative_params_authors(struct initiative_params *p)
{
	return strbuf_str(&p->authors);
}

void initiative_params_release(struct initiative_params *p)
{
	strbuf_release(&p->authors);
}
