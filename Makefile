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

.PHONY: all demo evaluate quality lint test check check-stress check-fallback check-emulated install uninstall clean deps bench precision

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

# The suite against the core a machine without oneDNN builds (ONEDNN=0: OpenBLAS float32
# only, bf16 refused with its reason), staged like the sanitizer build (below) so that every
# process of the suite loads it.
FALLBACK_DIR := build/nodnnl
check-fallback:
	$(MAKE) ONEDNN=0 MPI=no BUILD=$(FALLBACK_DIR) $(FALLBACK_DIR)/tweeter/core.so
	$(call stage_tree,$(FALLBACK_DIR))
	cd $(FALLBACK_DIR)/tree && $(BUSTED) $(BUSTED_FLAGS)

# The core's specs on an emulated x86-64 CPU without AVX-512 or bf16 (qemu-user's "max"
# model: AVX2 and FMA), the kind of machine CI does not run on: the kernels must be chosen by
# CPUID, never die of an illegal instruction, and fall back to float32 with oneDNN present.
# Every lua5.4 the specs start runs emulated too (a wrapper first on PATH). x86-64 only.
EMULATED_CPU   ?= max
# the LSTM's kernels against the plain Lua reference, the numerical gradient checks of both
# cells, sampling, the model file and the benchmark's precision switch (spec/step_spec.lua
# would add more than a minute under emulation for kernels these already run)
EMULATED_SPECS ?= spec/kernels_spec.lua spec/lstm_spec.lua spec/sampling_spec.lua \
                  spec/model_spec.lua spec/bench_spec.lua
EMU_DIR        := build/emulated
EMU_ENV         = PATH="$(CURDIR)/$(EMU_DIR)/wrap:$$PATH"

check-emulated: all
	@if [ "$$(uname -m)" != x86_64 ]; then echo 'check-emulated: x86-64 only'; exit 1; fi
	@command -v qemu-x86_64 >/dev/null || \
	  { echo 'check-emulated: no qemu-x86_64 (scripts/deps.sh --dev installs qemu-user)' >&2; exit 1; }
	$(call lua_wrapper,$(EMU_DIR)/wrap,qemu-x86_64 -cpu $(EMULATED_CPU))
	$(EMU_ENV) $(LUA) -e "package.cpath = 'build/?.so'; local why = select(2, \
	  require('tweeter.core').kernels()); assert(why and why:find('no bf16'), \
	  'check-emulated: the emulated CPU has bf16 ($(EMULATED_CPU))'); print('emulated: ' .. why)"
	$(EMU_ENV) $(BUSTED) $(BUSTED_FLAGS) $(EMULATED_SPECS)

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

# ===== hardening: sanitizers, valgrind, fuzzing =====
# The instrumented builds go to their own folders under build/; the suite and the CLI runs
# use them through a staging tree (build/<kind>/tree) whose build/ is that folder and whose
# bin/tweeter is a copy (it looks for ../build beside itself), so every Lua process of the
# suite, bin/tweeter subprocesses included, loads the instrumented core.
.PHONY: sanitize valgrind fuzz

# clang (scripts/deps.sh --dev): its ASan runtime holds UBSan's too, so both honour log_path
SANITIZE_CC    ?= clang
SANITIZE_FLAGS ?= -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
                  -fsanitize=float-cast-overflow -fno-sanitize-recover=undefined
# the ASan runtime the uninstrumented lua5.4 must load first
SANITIZE_RT    ?= $(shell $(SANITIZE_CC) -print-resource-dir)/lib/linux/libclang_rt.asan-$(shell uname -m).so
LD_SO          ?= $(firstword $(wildcard /lib64/ld-linux-x86-64.so.2 /lib/ld-linux-aarch64.so.1))
SAN_DIR        := build/asan
SAN_OBJS       := $(patsubst csrc/%.c,$(SAN_DIR)/obj/%.o,$(SRCS))

$(eval $(call core_rules,$(SAN_DIR),SAN_OBJS,SANITIZE_CC,SANITIZE_FLAGS))

# lua_wrapper DIR,LAUNCHER: DIR/$(LUA), which runs the real interpreter under LAUNCHER; with
# DIR first on PATH every $(LUA) a spec starts goes through it
define lua_wrapper
	rm -rf $(1) && mkdir -p $(1)
	printf '#!/bin/sh\nexec %s %s "$$@"\n' '$(2)' "$$(command -v $(LUA))" > $(1)/$(LUA)
	chmod +x $(1)/$(LUA)
endef

# stage_tree DIR: DIR/tree mirrors the checkout, with build -> DIR. The folders whose
# scripts find the checkout as "<their folder>/.." (bin, bench, examples) are copies: through
# a link, ".." would lead back to this checkout and its build/.
STAGED_COPIES := bin bench examples
define stage_tree
	rm -rf $(1)/tree && mkdir -p $(1)/tree
	for f in $$(ls -A | grep -vxE 'build|\.git|$(subst $() ,|,$(STAGED_COPIES))'); do \
	  ln -s "$(CURDIR)/$$f" $(1)/tree/$$f; done
	ln -s "$(CURDIR)/$(1)" $(1)/tree/build
	cp -R $(STAGED_COPIES) $(1)/tree/
endef

# The whole busted suite against the ASan+UBSan core. lua5.4 is reached through a wrapper
# that preloads the ASan runtime with ld.so --preload (not LD_PRELOAD, so python3, sh and
# the other helpers the specs start stay uninstrumented). Reports are written to
# $(SAN_DIR)/logs; any report fails the target, even one from a subprocess whose exit code
# a spec expected to be non-zero. Leak detection is off: the interpreter itself is not
# instrumented and busted exits without closing its state.
SAN_ENV = PATH="$(CURDIR)/$(SAN_DIR)/wrap:$$PATH" \
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:log_path=$(CURDIR)/$(SAN_DIR)/logs/asan \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(CURDIR)/$(SAN_DIR)/logs/ubsan

sanitize: $(SAN_DIR)/tweeter/core.so
	$(call stage_tree,$(SAN_DIR))
	rm -rf $(SAN_DIR)/logs && mkdir -p $(SAN_DIR)/logs
	$(call lua_wrapper,$(SAN_DIR)/wrap,$(LD_SO) --preload $(SANITIZE_RT))
	cd $(SAN_DIR)/tree && $(SAN_ENV) $(LUA) -e "package.cpath = 'build/?.so'; \
	  assert(require('tweeter.core'))"
	cd $(SAN_DIR)/tree && $(SAN_ENV) $(BUSTED) $(BUSTED_FLAGS); status=$$?; \
	if [ -n "$$(ls -A $(CURDIR)/$(SAN_DIR)/logs)" ]; then \
	  cat $(CURDIR)/$(SAN_DIR)/logs/*; echo 'sanitize: sanitizer reports above' >&2; exit 1; fi; \
	exit $$status

# A short training run and a generation run through bin/tweeter under memcheck, on a tiny
# corpus and model. The core is rebuilt without -march=native (valgrind has no AVX-512) and
# OpenBLAS runs one thread.
VALGRIND       ?= valgrind
VALGRIND_FLAGS ?= --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
                  --show-leak-kinds=definite --track-origins=yes --quiet
VG_DIR         := build/valgrind
VG_OBJS        := $(patsubst csrc/%.c,$(VG_DIR)/obj/%.o,$(SRCS))
VG_CFLAGS      := -O1 -g

$(eval $(call core_rules,$(VG_DIR),VG_OBJS,CC,VG_CFLAGS))

valgrind: $(VG_DIR)/tweeter/core.so
	$(call stage_tree,$(VG_DIR))
	rm -rf $(VG_DIR)/run && mkdir -p $(VG_DIR)/run
	for i in $$(seq 1 60); do echo "post $$i: the quick brown fox jumps over the lazy dog, café 😀"; \
	  done > $(VG_DIR)/run/posts.txt
	OPENBLAS_NUM_THREADS=1 $(VALGRIND) $(VALGRIND_FLAGS) $(LUA) $(VG_DIR)/tree/bin/tweeter train \
	  --data $(VG_DIR)/run/posts.txt --model $(VG_DIR)/run/m.tw --steps 12 --embed 8 --hidden 16 \
	  --layers 2 --batch 4 --seq 16 --valid-every 6 --checkpoint-every 4 --quiet
	OPENBLAS_NUM_THREADS=1 $(VALGRIND) $(VALGRIND_FLAGS) $(LUA) $(VG_DIR)/tree/bin/tweeter generate \
	  $(VG_DIR)/run/m.tw -n 3 --max-length 40 --seed 1 --top-p 0.9 --prime post

# Each libFuzzer target (fuzz/README.md) for FUZZ_SECONDS, from its seed corpus in
# fuzz/corpus/<target>; new inputs go to build/fuzz/corpus/<target>, crashes to
# build/fuzz/artifacts/. Stops at the first target that finds something.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_FLAGS   ?= -g -O1 -std=c99 -D_POSIX_C_SOURCE=200809L -Wall -Wextra \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
# the pure-C core: every csrc file but the binding's (l*.c, tweeter.c)
FUZZ_CORE    := $(filter-out csrc/l%.c csrc/tweeter.c,$(SRCS))
FUZZ_TARGETS := model_file utf8 sample lua_parsers bindings

build/fuzz/lua_parsers: fuzz/lua_parsers.c fuzz/embed.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(shell $(PKG_CONFIG) --cflags lua$(LUA_VERSION)) -o $@ $< \
	  $(shell $(PKG_CONFIG) --libs lua$(LUA_VERSION))

# the whole core, its bindings included (every csrc file tweeter.core is built from), with
# the libraries core.so links, and Lua to call it
build/fuzz/bindings: fuzz/bindings.c fuzz/embed.h $(SRCS) $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(CPPFLAGS) -o $@ $< $(SRCS) $(LIBS) \
	  $(shell $(PKG_CONFIG) --libs lua$(LUA_VERSION))

build/fuzz/%: fuzz/%.c fuzz/check.h $(FUZZ_CORE) $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_FLAGS) $(shell $(PKG_CONFIG) --cflags openblas) -o $@ $< $(FUZZ_CORE) \
	  $(shell $(PKG_CONFIG) --libs openblas) -lm

fuzz: $(addprefix build/fuzz/,$(FUZZ_TARGETS))
	mkdir -p build/fuzz/artifacts
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t && echo "== fuzz $$t ($(FUZZ_SECONDS) s)" && \
	  OPENBLAS_NUM_THREADS=1 TWEETER_ROOT=$(CURDIR) build/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -max_len=8192 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=build/fuzz/artifacts/$$t- build/fuzz/corpus/$$t fuzz/corpus/$$t \
	    2>build/fuzz/$$t.log || { tail -60 build/fuzz/$$t.log; exit 1; }; \
	  grep -E '^stat::(number_of_executed_units|new_units_added)' build/fuzz/$$t.log; \
	done
