#ifndef CRESCENT_CEDITLINE_SHIM_H
#define CRESCENT_CEDITLINE_SHIM_H
// libedit's readline-compatible interface: line editing, history, completion.
#include <stdio.h>
#include <editline/readline.h>
#endif
