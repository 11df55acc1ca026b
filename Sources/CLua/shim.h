#ifndef CRESCENT_CLUA_SHIM_H
#define CRESCENT_CLUA_SHIM_H

// Lua 5.4's C API, with the macros Swift cannot import turned into inline functions.
// Nothing here raises a Lua error unless the wrapped Lua function does; see the manual's
// [-o, +p, x] notation for each.

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static inline int crs_lua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline int crs_lua_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline void crs_lua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void crs_lua_newtable(lua_State *L) { lua_newtable(L); }
static inline void crs_lua_insert(lua_State *L, int idx) { lua_insert(L, idx); }
static inline void crs_lua_remove(lua_State *L, int idx) { lua_remove(L, idx); }
static inline void crs_lua_replace(lua_State *L, int idx) { lua_replace(L, idx); }
static inline int crs_lua_isnoneornil(lua_State *L, int idx) { return lua_isnoneornil(L, idx); }
static inline lua_Number crs_lua_tonumber(lua_State *L, int idx, int *isnum) {
  return lua_tonumberx(L, idx, isnum);
}
static inline lua_Integer crs_lua_tointeger(lua_State *L, int idx, int *isnum) {
  return lua_tointegerx(L, idx, isnum);
}
static inline void *crs_lua_getextraspace(lua_State *L) { return lua_getextraspace(L); }
static inline int crs_lua_pcall(lua_State *L, int nargs, int nresults, int msgh) {
  return lua_pcall(L, nargs, nresults, msgh);
}
static inline void *crs_lua_newuserdata(lua_State *L, size_t size) {
  return lua_newuserdatauv(L, size, 0);
}
static inline void crs_lua_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }

#endif
