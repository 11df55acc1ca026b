// State creation, the counting allocator with its cap, and the warning function.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lauxlib.h>
#include <lualib.h>
#include "CLuaBridge.h"
#include "crs_control.h"

static void *crs_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  crs_control *c = ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    free(ptr);
    c->used -= old;
    return NULL;
  }
  if (nsize > old && c->limit > 0 && c->enforce) {
    size_t cap = c->limit + (c->kill == CRS_KILL_MEMORY ? CRS_MEMORY_SLACK : 0);
    if (c->used + (nsize - old) > cap) {
      if (c->kill == CRS_KILL_NONE) {
        c->kill = CRS_KILL_MEMORY;
        crs_arm_kill(c->main);
      }
      return NULL;
    }
  }
  void *block = realloc(ptr, nsize);
  if (block == NULL) return NULL;
  c->used = c->used - old + nsize;
  return block;
}

static int crs_panic(lua_State *L) {
  const char *msg = lua_tostring(L, -1);
  fprintf(stderr, "crescent: unprotected Lua error: %s\n", msg ? msg : "(not a string)");
  abort();
}

/// Warnings ("@on"/"@off" control messages, pieces joined until the last) go to stderr,
/// off by default, as in the standalone interpreter.
static void crs_warn(void *ud, const char *msg, int tocont);
static void crs_warn_continue(void *ud, const char *msg, int tocont) {
  lua_State *L = ud;
  fputs(msg, stderr);
  if (tocont) {
    lua_setwarnf(L, crs_warn_continue, L);
  } else {
    fputs("\n", stderr);
    lua_setwarnf(L, crs_warn, L);
  }
}
static void crs_warn_off(void *ud, const char *msg, int tocont);
static int crs_warn_control(lua_State *L, const char *msg, int tocont) {
  if (tocont || *(msg++) != '@') return 0;
  if (strcmp(msg, "off") == 0) lua_setwarnf(L, crs_warn_off, L);
  else if (strcmp(msg, "on") == 0) lua_setwarnf(L, crs_warn, L);
  return 1;
}
static void crs_warn_off(void *ud, const char *msg, int tocont) {
  crs_warn_control((lua_State *)ud, msg, tocont);
}
static void crs_warn(void *ud, const char *msg, int tocont) {
  lua_State *L = ud;
  if (crs_warn_control(L, msg, tocont)) return;
  fputs("Lua warning: ", stderr);
  crs_warn_continue(ud, msg, tocont);
}

lua_State *crs_newstate(void *host) {
  crs_control *c = calloc(1, sizeof(crs_control));
  if (c == NULL) return NULL;
  c->host = host;
  lua_State *L = lua_newstate(crs_alloc, c);
  if (L == NULL) {
    free(c);
    return NULL;
  }
  c->main = L;
  *(crs_control **)lua_getextraspace(L) = c;
  lua_atpanic(L, crs_panic);
  lua_setwarnf(L, crs_warn_off, L);
  return L;
}

void crs_close(lua_State *L) {
  crs_control *c = crs_control_of(L);
  c->enforce = 0;
  lua_close(L);
  free(c);
}

void *crs_host(lua_State *L) { return crs_control_of(L)->host; }

void crs_set_host(lua_State *L, void *host) { crs_control_of(L)->host = host; }

static int crs_openlibs_impl(lua_State *L) {
  luaL_openlibs(L);
  return 0;
}

int crs_openlibs(lua_State *L) { return crs_pcall_c(L, crs_openlibs_impl, 0, 0); }

void crs_set_memory_limit(lua_State *L, size_t bytes) { crs_control_of(L)->limit = bytes; }

size_t crs_memory_used(lua_State *L) { return crs_control_of(L)->used; }
