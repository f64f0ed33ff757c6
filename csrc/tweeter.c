/*
 * tweeter.c: luaopen_tweeter_core, the only exported symbol. Each binding file registers
 * its own type and functions into the module table.
 */
#include "tweeter.h"

int luaopen_tweeter_core(lua_State *L);

int luaopen_tweeter_core(lua_State *L) {
  luaL_checkversion(L);
  lua_newtable(L);                                  /* stack: core */
  tw_open_buffer(L);
  tw_open_model(L);
  tw_open_data(L);
  tw_open_http(L);
  tw_open_sys(L);
  tw_open_files(L);
  tw_open_kernels(L);
  tw_open_zip(L);
  lua_pushliteral(L, "tweeter.core " TW_VERSION);
  lua_setfield(L, -2, "_VERSION");
  return 1;
}
