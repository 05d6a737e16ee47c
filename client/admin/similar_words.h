/*
 * similar_words.h - what makes two initiatives similar, in words an officer
 * reads: the words of one title that the other title has too, compared as
 * the server's similarity search compares them (vn_fold: without
 * diacritics, in any case), the most common little words left out.
 */
#ifndef SANGKIEN_SIMILAR_WORDS_H
#define SANGKIEN_SIMILAR_WORDS_H

#include <stddef.h>

#define SIMILAR_WORDS_MAX 16

/*
 * The words of title (as written there, diacritics kept, punctuation at
 * either end taken off) whose folded form is a word of other, each once,
 * in title's order, at most SIMILAR_WORDS_MAX.  Returns how many were put
 * in words[] (malloc'd strings; free with similar_words_free).
 */
size_t similar_words(const char *title, const char *other, char *words[SIMILAR_WORDS_MAX]);
void similar_words_free(char **words, size_t n);

#endif
