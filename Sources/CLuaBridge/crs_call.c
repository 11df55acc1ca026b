// The trampoline every crescent function goes through, protected calls with a traceback
// handler, and text-only chunk loading.

#include <lauxlib.h>
#include "CLuaBridge.h"
#include "crs_control.h"

static crs_dispatch_fn crs_dispatch_host;
crs_release_fn crs_release_host;

void crs_set_host_callbacks(crs_dispatch_fn dispatch, crs_release_fn release) {
  crs_dispatch_host = dispatch;
  crs_release_host = release;
}

static int crs_trampoline(lua_State *L) {
  crs_control *c = crs_control_of(L);
  void *function = lua_touserdata(L, lua_upvalueindex(1));
  int saved = c->enforce;
  c->enforce = 0;
  int results = crs_dispatch_host(L, function);
  c->enforce = saved;
  if (results < 0) {
    // No Swift frame is live any more: prefix the caller's position and raise.
    luaL_where(L, 1);
    lua_insert(L, -2);
    lua_concat(L, 2);
    return lua_error(L);
  }
  return results;
}

void crs_push_function(lua_State *L, void *function) {
  lua_pushlightuserdata(L, function);
  lua_pushcclosure(L, crs_trampoline, 1);
}

/// Message handler: the error message followed by a traceback; error objects that are not
/// strings are described by their __tostring or their type.
static int crs_traceback(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (msg == NULL) {
    if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
      msg = lua_tostring(L, -1);
    } else {
      msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
  }
  luaL_traceback(L, L, msg, 1);
  return 1;
}

int crs_pcall(lua_State *L, int nargs, int nresults, int *kill) {
  crs_control *c = crs_control_of(L);
  int base = lua_gettop(L) - nargs;
  lua_pushcfunction(L, crs_traceback);
  lua_insert(L, base);
  int saved = c->enforce;
  c->enforce = 1;
  int status = lua_pcall(L, nargs, nresults, base);
  c->enforce = saved;
  lua_remove(L, base);
  *kill = CRS_KILL_NONE;
  if (saved == 0 && c->kill != CRS_KILL_NONE) {
    *kill = c->kill;
    c->kill = CRS_KILL_NONE;
    c->interrupt = 0;
    crs_update_hook(c->main);
  }
  return status;
}

int crs_pcall_c(lua_State *L, lua_CFunction f, int nargs, int nresults) {
  lua_pushcfunction(L, f);
  lua_insert(L, lua_gettop(L) - nargs);
  return lua_pcall(L, nargs, nresults, 0);
}

int crs_loadfile(lua_State *L, const char *path) { return luaL_loadfilex(L, path, "t"); }

int crs_loadbuffer(lua_State *L, const char *buffer, size_t size, const char *name,
                   const char *mode) {
  return luaL_loadbufferx(L, buffer, size, name, mode);
}

int crs_keys(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_newtable(L);
  lua_Integer n = 0;
  lua_pushnil(L);
  while (lua_next(L, 1) != 0) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, 2, ++n);
  }
  return 1;
}

int crs_tostring(lua_State *L) {
  luaL_tolstring(L, 1, NULL);
  return 1;
}

void crs_gc_step(lua_State *L, int kilobytes) { lua_gc(L, LUA_GCSTEP, kilobytes); }

void crs_gc_collect(lua_State *L) { lua_gc(L, LUA_GCCOLLECT); }
