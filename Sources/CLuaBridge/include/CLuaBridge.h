#ifndef CRESCENT_CLUABRIDGE_H
#define CRESCENT_CLUABRIDGE_H

// The C side of crescent's Lua embedding. Every function Lua can call from crescent is the
// C trampoline below; it calls one Swift dispatcher and, only after that Swift frame has
// returned, raises any error with lua_error. So no longjmp ever crosses a Swift frame.
// All symbols are prefixed crs_.

#include <stddef.h>
#include <lua.h>

/// Returned by the Swift dispatcher when it has pushed an error message instead of results.
#define CRS_ERROR (-1)

/// Why the running script was stopped by a budget (0: it was not).
enum crs_kill_reason {
  CRS_KILL_NONE = 0,
  CRS_KILL_TIMEOUT = 1,
  CRS_KILL_INSTRUCTIONS = 2,
  CRS_KILL_MEMORY = 3,
  CRS_KILL_INTERRUPT = 4,
};

/// Calls the Swift function identified by `function` with the Lua arguments on L's stack.
/// Returns the number of results pushed, or CRS_ERROR with a message string on top.
typedef int (*crs_dispatch_fn)(lua_State *L, void *function);
/// Releases one retained reference to a host object owned by a userdata.
typedef void (*crs_release_fn)(void *object);

/// Installs the host callbacks; call once per process before any state exists.
void crs_set_host_callbacks(crs_dispatch_fn dispatch, crs_release_fn release);

// --- state -----------------------------------------------------------------------------

/// Creates a state whose allocator counts its bytes; `host` is returned by crs_host.
/// Returns NULL when memory is exhausted.
lua_State *crs_newstate(void *host);
void crs_close(lua_State *L);
/// Replaces the host pointer.
void crs_set_host(lua_State *L, void *host);
/// The host pointer given to crs_newstate, from any thread of the state.
void *crs_host(lua_State *L);
/// Opens the standard libraries in protected mode; returns a Lua status.
int crs_openlibs(lua_State *L);

// --- budgets ---------------------------------------------------------------------------

/// Memory cap in bytes for allocations made while Lua code runs (0: none). Allocations made
/// while host (Swift) frames are live never fail because of the cap.
void crs_set_memory_limit(lua_State *L, size_t bytes);
size_t crs_memory_used(lua_State *L);
/// Wall-clock budget in seconds from now (<= 0: none), instruction budget (0: none), and
/// whether SIGINT (see crs_sigint_install) interrupts running code. Installs or removes the
/// count hook accordingly.
void crs_set_budget(lua_State *L, double seconds, long long instructions, int interruptible);
/// Monotonic clock in seconds.
double crs_clock(void);
/// Routes SIGINT to the state's interrupt flag until crs_sigint_restore.
void crs_sigint_install(lua_State *L);
void crs_sigint_restore(void);
/// Marks the state interrupted, as SIGINT would (async-signal-safe).
void crs_interrupt(lua_State *L);
/// Whether an interrupt is pending, and clearing it.
int crs_interrupt_pending(lua_State *L);
void crs_clear_interrupt(lua_State *L);

// --- calls -----------------------------------------------------------------------------

/// Calls the function below `nargs` arguments in protected mode with a traceback handler.
/// Returns the Lua status. When this is the outermost call and a budget stopped the
/// script, `*kill` receives the reason and the kill state is cleared; otherwise 0.
int crs_pcall(lua_State *L, int nargs, int nresults, int *kill);
/// Calls a C function with `nargs` arguments in protected mode (no budget enforcement).
int crs_pcall_c(lua_State *L, lua_CFunction f, int nargs, int nresults);
/// Loads a file as text only (no bytecode), chunk name "@" .. path.
int crs_loadfile(lua_State *L, const char *path);
/// Loads a buffer with the given chunk name and mode ("t" for text only).
int crs_loadbuffer(lua_State *L, const char *buffer, size_t size, const char *name,
                   const char *mode);
/// Pushes a Lua function that calls the Swift dispatcher with `function`.
void crs_push_function(lua_State *L, void *function);
/// Runs an incremental garbage-collection step as if `kilobytes` had been allocated: how
/// host objects owned by userdata tell the collector about memory Lua cannot see.
void crs_gc_step(lua_State *L, int kilobytes);
/// Runs a full garbage collection.
void crs_gc_collect(lua_State *L);

// --- objects (userdata owning host objects) ---------------------------------------------

/// lua_CFunction: (name) -> a new metatable for a host object type: its __gc releases the
/// object, __name names it and __metatable hides it from scripts. Call through crs_pcall_c.
int crs_object_metatable(lua_State *L);
/// Pushes a userdata owning `object` (already retained) with the metatable at registry[ref].
void crs_push_object(lua_State *L, void *object, int metatable_ref);
/// The host object at idx when it is a userdata with the metatable at registry[ref];
/// NULL otherwise (also once collected).
void *crs_to_object(lua_State *L, int idx, int metatable_ref);

// --- protected helpers ------------------------------------------------------------------

/// lua_CFunction: (t) -> array of t's keys, in lua_next order. Call through crs_pcall_c.
int crs_keys(lua_State *L);
/// lua_CFunction: (v) -> string, as tostring() (honours __tostring and __name).
int crs_tostring(lua_State *L);

#endif
