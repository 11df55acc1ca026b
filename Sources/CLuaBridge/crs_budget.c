// Budgets enforced from C: wall-clock deadline, instruction count and interrupts through a
// count hook. Once a budget trips, the hook raises on every instruction until the host's
// outermost pcall returns, so `pcall` inside a script cannot swallow the kill.

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <lauxlib.h>
#include "CLuaBridge.h"
#include "crs_control.h"

double crs_clock(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void crs_kill_message(const crs_control *c, char *buffer, size_t size) {
  switch (c->kill) {
  case CRS_KILL_TIMEOUT:
    snprintf(buffer, size, "timeout: script stopped after %.3g s", c->budget_seconds);
    break;
  case CRS_KILL_INSTRUCTIONS:
    snprintf(buffer, size, "script stopped: instruction budget of %lld exhausted", c->instruction_limit);
    break;
  case CRS_KILL_MEMORY: snprintf(buffer, size, "not enough memory: memory limit exceeded"); break;
  case CRS_KILL_INTERRUPT: snprintf(buffer, size, "interrupted"); break;
  default: snprintf(buffer, size, "stopped"); break;
  }
}

static void crs_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  crs_control *c = crs_control_of(L);
  if (c->kill == CRS_KILL_NONE) {
    if (c->interruptible && c->interrupt) {
      c->kill = CRS_KILL_INTERRUPT;
    } else if (c->deadline > 0 && crs_clock() > c->deadline) {
      c->kill = CRS_KILL_TIMEOUT;
    } else if (c->instruction_limit > 0) {
      c->instructions += CRS_HOOK_COUNT;
      if (c->instructions > c->instruction_limit) c->kill = CRS_KILL_INSTRUCTIONS;
    }
  }
  if (c->kill != CRS_KILL_NONE && c->enforce) {
    char message[128];
    crs_kill_message(c, message, sizeof message);
    lua_sethook(L, crs_hook, LUA_MASKCOUNT, 1);
    luaL_error(L, "%s", message);
  }
}

void crs_arm_kill(lua_State *L) { lua_sethook(L, crs_hook, LUA_MASKCOUNT, 1); }

void crs_update_hook(lua_State *L) {
  crs_control *c = crs_control_of(L);
  int needed = c->deadline > 0 || c->instruction_limit > 0 || c->interruptible;
  if (needed) lua_sethook(L, crs_hook, LUA_MASKCOUNT, CRS_HOOK_COUNT);
  else lua_sethook(L, NULL, 0, 0);
}

void crs_set_budget(lua_State *L, double seconds, long long instructions, int interruptible) {
  crs_control *c = crs_control_of(L);
  c->budget_seconds = seconds > 0 ? seconds : 0;
  c->deadline = seconds > 0 ? crs_clock() + seconds : 0;
  c->instruction_limit = instructions > 0 ? instructions : 0;
  c->instructions = 0;
  c->interruptible = interruptible;
  c->interrupt = 0;
  crs_update_hook(c->main);
}

static crs_control *volatile crs_sigint_target;
static struct sigaction crs_previous_sigint;

static void crs_on_sigint(int sig) {
  (void)sig;
  crs_control *c = crs_sigint_target;
  if (c != NULL) c->interrupt = 1;
}

void crs_sigint_install(lua_State *L) {
  crs_sigint_target = crs_control_of(L);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = crs_on_sigint;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &crs_previous_sigint);
}

void crs_sigint_restore(void) {
  sigaction(SIGINT, &crs_previous_sigint, NULL);
  crs_sigint_target = NULL;
}

void crs_interrupt(lua_State *L) { crs_control_of(L)->interrupt = 1; }

int crs_interrupt_pending(lua_State *L) { return crs_control_of(L)->interrupt != 0; }

void crs_clear_interrupt(lua_State *L) { crs_control_of(L)->interrupt = 0; }
