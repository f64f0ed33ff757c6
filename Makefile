# tweeter: build the C core, run the specs, install, benchmark.
# Every knob is overridable: make CFLAGS=-O0 PREFIX=/opt/tw ...
LUA_VERSION ?= 5.4
LUA         ?= lua$(LUA_VERSION)
PKG_CONFIG  ?= pkg-config
PREFIX      ?= /usr/local
LUA_INCDIR  ?= $(shell $(PKG_CONFIG) --variable=includedir lua$(LUA_VERSION))/lua$(LUA_VERSION)
LUA_CMODDIR ?= $(PREFIX)/lib/lua/$(LUA_VERSION)
LUA_MODDIR  ?= $(PREFIX)/share/lua/$(LUA_VERSION)
BINDIR      ?= $(PREFIX)/bin
# the shipped base model goes to $(DATADIR)/tweeter/base.twm, where tweeter.base_model()
# finds it from $(LUA_MODDIR) (keep DATADIR = LUA_MODDIR/../..)
DATADIR     ?= $(PREFIX)/share
CC          ?= cc
# oneDNN (Debian libdnnl-dev) when its header is there, or ONEDNN=0 to build without it
ONEDNN      ?= $(shell test -f /usr/include/oneapi/dnnl/dnnl.h && echo 1 || echo 0)
ifeq ($(ONEDNN),1)
DNNL_CPPFLAGS := -DTW_HAVE_DNNL
DNNL_LIBS     := -ldnnl -lgomp
endif
# One threading layer: with oneDNN's OpenMP threads beside OpenBLAS's pthreads the two pools
# spin against each other on few cores, so the core loads Debian's OpenMP build of OpenBLAS
# (libopenblas0-openmp) where it is installed; both then share libgomp's pool.
OPENBLAS_OMP_DIR ?= /usr/lib/$(shell $(CC) -print-multiarch)/openblas-openmp
ifneq ($(wildcard $(OPENBLAS_OMP_DIR)/libopenblas.so.0),)
DNNL_LIBS     += -Wl,-rpath,$(OPENBLAS_OMP_DIR)
endif
# OpenMP's worker threads outlive lua_close, which unloads C modules: the core (and with it
# libgomp) stays loaded until the process ends, or a worker would run unmapped code at exit
DNNL_LIBS     += -Wl,-z,nodelete
OPTFLAGS    ?= -O3 -fno-math-errno -fno-trapping-math -g
CFLAGS      ?= $(OPTFLAGS)
WARNFLAGS   := -std=c99 -Wall -Wextra -pedantic -Wshadow -Wmissing-prototypes \
               -Wstrict-prototypes -Wcast-qual -Wwrite-strings
# include and library folders of OpenBLAS and libcurl beyond those pkg-config names (the rock
# passes the ones LuaRocks found; without pkg-config's files they are all there is)
DEP_INCDIRS ?=
DEP_LIBDIRS ?=
CPPFLAGS    += -D_POSIX_C_SOURCE=200809L -I$(LUA_INCDIR) $(DNNL_CPPFLAGS) \
               $(shell $(PKG_CONFIG) --cflags openblas libcurl libzip) $(addprefix -I,$(DEP_INCDIRS))
LIBFLAG     ?= -shared
LIBS        ?= $(shell $(PKG_CONFIG) --libs openblas libcurl libzip 2>/dev/null || echo -lopenblas -lcurl -lzip) \
               $(addprefix -L,$(DEP_LIBDIRS)) \
               $(DNNL_LIBS) -lm -pthread
BUSTED      ?= busted --lua=$(LUA)
BUSTED_FLAGS ?=

# BUILD: where the objects and core.so go (the rock builds in its own, with its own flags)
BUILD ?= build
# csrc/lmpi.c is the optional tweeter.mpi (data-parallel training), built where Open MPI is
# found (pkg-config ompi-c, else mpicc's flags); MPI=no builds without it
SRCS := $(filter-out csrc/lmpi.c,$(wildcard csrc/*.c))
OBJS := $(patsubst csrc/%.c,$(BUILD)/obj/%.o,$(SRCS))
HDRS := $(wildcard csrc/*.h)
MPI         ?= $(shell $(PKG_CONFIG) --exists ompi-c 2>/dev/null || command -v mpicc >/dev/null \
                 && echo yes || echo no)
MPI_CFLAGS  ?= $(shell $(PKG_CONFIG) --cflags ompi-c 2>/dev/null || mpicc --showme:compile)
MPI_LIBS    ?= $(shell $(PKG_CONFIG) --libs ompi-c 2>/dev/null || mpicc --showme:link)
MPI_MODULE  := $(if $(filter yes,$(MPI)),$(BUILD)/tweeter/mpi.so)

.PHONY: all demo evaluate quality lint test check check-stress install uninstall clean deps bench precision

all: $(BUILD)/tweeter/core.so $(MPI_MODULE)

# core_rules DIR,OBJS,CC,FLAGS: DIR/obj/*.o from csrc/ and DIR/tweeter/core.so linked from
# them, by the compiler and flags named (variable names, read when the rules run). The normal,
# sanitizer and valgrind builds differ only in these.
define core_rules
$(1)/obj/%.o: csrc/%.c $$(HDRS) $(1)/flags
	@mkdir -p $$(dir $$@)
	$$($(3)) $$(CPPFLAGS) $$($(4)) $$(WARNFLAGS) -fPIC -c $$< -o $$@

$(1)/tweeter/core.so: $$($(2)) $(1)/flags
	@mkdir -p $$(dir $$@)
	$$($(3)) $$(LIBFLAG) $$($(4)) -o $$@ $$($(2)) $$(LIBS)

# the compiler and flags the objects were built with, rewritten only when they change: then
# everything is rebuilt (make CFLAGS=... or ONEDNN=0 after a plain make). Compared without a
# pipe: a reader that stops early (cmp at the first difference) fails the writer's echo with
# "I/O error" where SIGPIPE is ignored, as under some build tools.
$(1)/flags: FORCE
	@mkdir -p $$(dir $$@)
	@flags='$$($(3)) $$(CPPFLAGS) $$($(4)) $$(LIBFLAG) $$(LIBS)'; \
	  [ "$$$$(cat $$@ 2>/dev/null)" = "$$$$flags" ] || printf '%s\n' "$$$$flags" > $$@
endef

.PHONY: FORCE
FORCE:

$(eval $(call core_rules,$(BUILD),OBJS,CC,CFLAGS))

$(BUILD)/tweeter/mpi.so: csrc/lmpi.c csrc/tweeter.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(MPI_CFLAGS) $(CFLAGS) $(WARNFLAGS) -fPIC $(LIBFLAG) -o $@ $< $(MPI_LIBS)

deps:
	bash scripts/deps.sh

# The README's main job: fine-tune the base model on one person's posts and generate.
demo:
	bash scripts/demo.sh

# docs/evaluation.md: base, scratch and fine-tuned bits per character for every user.
evaluate: all
	$(LUA) scripts/evaluate.lua

# docs/quality.md: held-out bpc, n-gram anchors and generated-post metrics (QUICK=1: 3 users).
# deps: scripts/detect.py needs Debian's python3-sklearn
quality: deps all
	$(LUA) scripts/quality.lua

lint:
	luacheck lua bin/tweeter examples spec bench scripts fuzz/*.lua

# The README's test command: installs what is missing (as root), builds, runs the specs.
check: deps
	$(MAKE) test

# How OpenMP threads wait (the policy: csrc/tuning.c): the suite's sleep at once, since
# spinning ones starve its other processes on a small machine; the long runs that do not go
# through bin/tweeter wait as under it (a short spin, then sleep).
test check-stress check-fallback check-emulated sanitize: export OMP_WAIT_POLICY ?= PASSIVE
ifeq ($(origin OMP_WAIT_POLICY),undefined)
quality evaluate: export GOMP_SPINCOUNT ?= 2000
endif

test: all
	$(BUSTED) $(BUSTED_FLAGS)

# The suite pinned to one core, with every core busy, and plain (scripts/stress.sh): a spec
# that passes only on a fast or idle machine fails here.
check-stress: all
	bash scripts/stress.sh $(BUSTED) $(BUSTED_FLAGS)

# Where the installed command finds the modules and the core, relative to BINDIR: relative,
# so that it works staged under DESTDIR and wherever the tree is moved. The rock sets them to
# the layout of its tree, where LuaRocks moves the files after this rule has run.
LAUNCHER_MODDIR  ?= $(shell realpath -m --relative-to=$(BINDIR) $(LUA_MODDIR))
LAUNCHER_CMODDIR ?= $(shell realpath -m --relative-to=$(BINDIR) $(LUA_CMODDIR))

install: all
	install -d $(DESTDIR)$(LUA_CMODDIR)/tweeter $(DESTDIR)$(LUA_MODDIR)/tweeter/sources $(DESTDIR)$(BINDIR)
	install -m 0755 $(BUILD)/tweeter/core.so $(DESTDIR)$(LUA_CMODDIR)/tweeter/core.so
	$(if $(MPI_MODULE),install -m 0755 $(MPI_MODULE) $(DESTDIR)$(LUA_CMODDIR)/tweeter/mpi.so)
	install -m 0644 lua/tweeter/*.lua $(DESTDIR)$(LUA_MODDIR)/tweeter/
	install -m 0644 lua/tweeter/sources/*.lua $(DESTDIR)$(LUA_MODDIR)/tweeter/sources/
	install -d $(DESTDIR)$(DATADIR)/tweeter
	install -m 0644 models/base.twm $(DESTDIR)$(DATADIR)/tweeter/base.twm
	sed -e 's|"$${TWEETER_LUA:-lua5.4}"|"$${TWEETER_LUA:-$(LUA)}"|' \
	  -e "s|^local MODULES, CORE = .*|local MODULES, CORE = '$(LAUNCHER_MODDIR)', '$(LAUNCHER_CMODDIR)'|" \
	  bin/tweeter > $(DESTDIR)$(BINDIR)/tweeter
	chmod 0755 $(DESTDIR)$(BINDIR)/tweeter

uninstall:
	rm -rf $(DESTDIR)$(LUA_CMODDIR)/tweeter $(DESTDIR)$(LUA_MODDIR)/tweeter $(DESTDIR)$(BINDIR)/tweeter \
	  $(DESTDIR)$(DATADIR)/tweeter

clean:
	rm -rf build

# tweeter against the PyTorch peer (../shared/bench, or PEER_DIR=...) and the sgemm probe;
# table on stdout and in build/bench/table.md. BENCH_QUICK=1 for a smoke run (bench/run.lua).
bench: all
	LUA=$(LUA) $(LUA) bench/run.lua

# bf16 against float32 training: 300 steps on real posts, same seed and data; fails when
# held-out bits per character differ by more than 0.03 (scripts/precision.lua)
precision: all
	$(LUA) scripts/precision.lua

# the staged runs against other builds of the core: check-fallback, check-emulated,
# sanitize, valgrind, fuzz
include mk/hardening.mk
