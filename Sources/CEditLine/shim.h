#ifndef CRESCENT_CEDITLINE_SHIM_H
#define CRESCENT_CEDITLINE_SHIM_H
// libedit's readline-compatible interface: line editing, history, completion.
// libedit's configuration lives in C globals; these setters keep Swift away from them.
#include <stdio.h>
#include <editline/readline.h>

typedef char **(*crs_edit_completer)(const char *text, int start, int end);

static inline void crs_edit_configure(crs_edit_completer completer) {
  rl_readline_name = "crescent";
  rl_basic_word_break_characters = " \t\n\"\\'`@$><=;|&{(,+-*/%^#~[]";
  rl_attempted_completion_function = completer;
}

/// Called from the completer: no filename fallback, no space appended after a match.
static inline void crs_edit_completion_only(void) {
  rl_attempted_completion_over = 1;
  rl_completion_append_character = 0;
}
#endif
