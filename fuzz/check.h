/*
 * fuzz/check.h: the C fuzz targets' property check, one definition for all of them. A broken
 * property must crash so that libFuzzer saves the input as an artifact; unlike assert() this
 * stays in under -DNDEBUG, and __FILE__ names the target in the message.
 */
#ifndef TW_FUZZ_CHECK_H
#define TW_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)                                                                         \
  do {                                                                                      \
    if (!(cond)) {                                                                          \
      fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #cond);           \
      abort();                                                                              \
    }                                                                                       \
  } while (0)

#endif
