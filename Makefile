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
CC          ?= cc
OPTFLAGS    ?= -O3 -march=native -fno-math-errno -fno-trapping-math -g
CFLAGS      ?= $(OPTFLAGS)
WARNFLAGS   := -std=c99 -Wall -Wextra -pedantic -Wshadow -Wmissing-prototypes \
               -Wstrict-prototypes -Wcast-qual -Wwrite-strings
CPPFLAGS    += -D_POSIX_C_SOURCE=200809L -I$(LUA_INCDIR) \
               $(shell $(PKG_CONFIG) --cflags openblas libcurl)
LIBFLAG     ?= -shared
LIBS        ?= $(shell $(PKG_CONFIG) --libs openblas libcurl) -lm
BUSTED      ?= busted --lua=$(LUA)
BUSTED_FLAGS ?=

SRCS := $(wildcard csrc/*.c)
OBJS := $(patsubst csrc/%.c,build/obj/%.o,$(SRCS))
HDRS := $(wildcard csrc/*.h)

.PHONY: all demo evaluate test check install uninstall clean deps bench

all: build/tweeter/core.so

build/obj/%.o: csrc/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARNFLAGS) -fPIC -c $< -o $@

build/tweeter/core.so: $(OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(LIBFLAG) $(CFLAGS) -o $@ $(OBJS) $(LIBS)

deps:
	bash scripts/deps.sh

# The README's main job: fine-tune the base model on one person's posts and generate.
demo:
	bash scripts/demo.sh

# docs/evaluation.md: base, scratch and fine-tuned bits per character for every user.
evaluate: all
	$(LUA) scripts/evaluate.lua

# The README's test command: installs what is missing (as root), builds, runs the specs.
check: deps
	$(MAKE) test

test: all
	$(BUSTED) $(BUSTED_FLAGS)

install: all
	install -d $(DESTDIR)$(LUA_CMODDIR)/tweeter $(DESTDIR)$(LUA_MODDIR)/tweeter $(DESTDIR)$(BINDIR)
	install -m 0755 build/tweeter/core.so $(DESTDIR)$(LUA_CMODDIR)/tweeter/core.so
	install -m 0644 lua/tweeter/*.lua $(DESTDIR)$(LUA_MODDIR)/tweeter/
	sed '1s|.*|#!/usr/bin/env $(LUA)|' bin/tweeter > $(DESTDIR)$(BINDIR)/tweeter
	chmod 0755 $(DESTDIR)$(BINDIR)/tweeter

uninstall:
	rm -rf $(DESTDIR)$(LUA_CMODDIR)/tweeter $(DESTDIR)$(LUA_MODDIR)/tweeter $(DESTDIR)$(BINDIR)/tweeter

clean:
	rm -rf build

# tweeter against the PyTorch peer (../shared/bench, or PEER_DIR=...) and the sgemm probe;
# table on stdout and in build/bench/table.md. BENCH_QUICK=1 for a smoke run (bench/run.lua).
bench: all
	LUA=$(LUA) $(LUA) bench/run.lua
