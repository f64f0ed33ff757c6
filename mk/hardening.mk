# mk/hardening.mk, included by the Makefile: the suite and the command against other builds
# of the core (without oneDNN, on an emulated CPU, under AddressSanitizer and UBSan, under
# valgrind) and the libFuzzer targets. It uses the Makefile's variables and core_rules.
# The other builds go to their own folders under build/; the suite and the CLI runs use them
# through a staging tree (build/<kind>/tree) whose build/ is that folder and whose
# bin/tweeter is a copy (it looks for ../build beside itself), so every Lua process of the
# suite, bin/tweeter subprocesses included, loads that core.
.PHONY: check-fallback check-emulated sanitize valgrind fuzz

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

# The suite against the core a machine without oneDNN builds (ONEDNN=0: OpenBLAS float32
# only, bf16 refused with its reason), staged so that every process of the suite loads it.
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
# corpus and model, against a core built at -O1 (valgrind's CPU has no AVX-512: the loader
# picks the AVX2 loops) with OpenBLAS on one thread.
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
