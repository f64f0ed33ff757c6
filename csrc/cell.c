/*
 * cell.c: the table of recurrent cells. A new cell is a file cell_<name>.c defining
 * tw_<name>_cell, and its name in CELLS. Pure C.
 */
#include "cell.h"

#include <string.h>

/* every cell, the default first */
#define CELLS(X) X(lstm) X(gru)

#define DECLARE(name) extern const Cell tw_##name##_cell;
#define ENTRY(name) &tw_##name##_cell,
CELLS(DECLARE)
const Cell *const tw_cells[] = {CELLS(ENTRY) NULL};

const Cell *tw_cell_named(const char *name, size_t len) {
  size_t k;
  for (k = 0; tw_cells[k]; k++)
    if (strlen(tw_cells[k]->name) == len && memcmp(tw_cells[k]->name, name, len) == 0)
      return tw_cells[k];
  return NULL;
}

size_t tw_layer_input(const ModelConfig *cfg, size_t l) {
  return l == 0 ? cfg->E : cfg->H;
}

size_t tw_block_floats(const ModelConfig *cfg, const CellBlock *b, size_t l) {
  size_t rows = b->rows == TW_ROWS_XH ? tw_layer_input(cfg, l) + cfg->H : 1;
  return rows * b->gates * cfg->H;
}
