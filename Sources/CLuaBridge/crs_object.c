// Userdata that own host objects: one pointer-sized block holding a retained reference,
// released by __gc. Type checks compare metatables by identity.

#include <lauxlib.h>
#include "CLuaBridge.h"
#include "crs_control.h"

extern crs_release_fn crs_release_host;

/// __gc with the type's metatable as upvalue, so a script cannot aim it at foreign userdata.
static int crs_object_gc(lua_State *L) {
  if (lua_type(L, 1) != LUA_TUSERDATA || !lua_getmetatable(L, 1)) return 0;
  int same = lua_rawequal(L, -1, lua_upvalueindex(1));
  lua_pop(L, 1);
  if (!same) return 0;
  void **slot = lua_touserdata(L, 1);
  void *object = *slot;
  *slot = NULL;
  if (object != NULL) crs_release_host(object);
  return 0;
}

int crs_object_metatable(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  lua_createtable(L, 0, 8);
  lua_pushstring(L, name);
  lua_setfield(L, -2, "__name");
  lua_pushstring(L, name);
  lua_setfield(L, -2, "__metatable");
  lua_pushvalue(L, -1);
  lua_pushcclosure(L, crs_object_gc, 1);
  lua_setfield(L, -2, "__gc");
  return 1;
}

void crs_push_object(lua_State *L, void *object, int metatable_ref) {
  void **slot = lua_newuserdatauv(L, sizeof(void *), 0);
  *slot = object;
  lua_rawgeti(L, LUA_REGISTRYINDEX, metatable_ref);
  lua_setmetatable(L, -2);
}

void *crs_to_object(lua_State *L, int idx, int metatable_ref) {
  if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx)) return NULL;
  lua_rawgeti(L, LUA_REGISTRYINDEX, metatable_ref);
  int same = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  if (!same) return NULL;
  return *(void **)lua_touserdata(L, idx);
}
