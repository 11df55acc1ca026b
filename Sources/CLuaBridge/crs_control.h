#ifndef CRESCENT_CRS_CONTROL_H
#define CRESCENT_CRS_CONTROL_H

#include <signal.h>
#include <stddef.h>
#include <lua.h>

/// Per-state bookkeeping shared by the allocator, the count hook and the trampolines.
/// A pointer to it lives in the extra space of the main thread, which every new thread
/// copies, so it is reachable from any coroutine.
typedef struct crs_control {
  lua_State *main;
  void *host;
  /// Bytes currently allocated by Lua, and the cap (0: none).
  size_t used;
  size_t limit;
  /// 1 while Lua code runs under crs_pcall and no host frame is live: only then may the
  /// allocator refuse memory and the hook raise.
  int enforce;
  /// Why the script is being stopped (enum crs_kill_reason); sticky until crs_pcall's
  /// outermost level clears it, so pcall inside the script cannot swallow it.
  int kill;
  volatile sig_atomic_t interrupt;
  int interruptible;
  double deadline;          /* monotonic seconds; 0: none */
  double budget_seconds;
  long long instruction_limit; /* 0: none */
  long long instructions;
} crs_control;

/// Instructions between two runs of the count hook.
#define CRS_HOOK_COUNT 1000
/// Extra bytes granted once the memory cap tripped, so error handling can still allocate.
#define CRS_MEMORY_SLACK (1u << 20)

static inline crs_control *crs_control_of(lua_State *L) {
  return *(crs_control **)lua_getextraspace(L);
}

/// Arms the count hook to fire on the next instruction of L so a pending kill unwinds.
void crs_arm_kill(lua_State *L);
/// Installs or removes the regular count hook according to the budgets.
void crs_update_hook(lua_State *L);

#endif
