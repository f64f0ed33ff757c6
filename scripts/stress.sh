#!/usr/bin/env bash
# make check-stress: the suite three times, as machines differ from one run to the next:
# pinned to one core, with every core kept busy by spinning processes (started here and
# stopped on any exit), and plain. Fails when any run fails. Usage: scripts/stress.sh BUSTED...
set -u
spinners=()
stop_spinners() {
  [ ${#spinners[@]} -gt 0 ] && kill "${spinners[@]}" 2>/dev/null
  wait "${spinners[@]}" 2>/dev/null
  spinners=()
}
trap stop_spinners EXIT
trap 'exit 130' INT TERM

status=0
echo "== check-stress: pinned to one core (taskset -c 0)"
taskset -c 0 "$@" || status=1

echo "== check-stress: every core busy ($(nproc) spinning processes)"
for _ in $(seq "$(nproc)"); do
  sh -c 'while :; do :; done' &
  spinners+=("$!")
done
"$@" || status=1
stop_spinners

echo "== check-stress: plain"
"$@" || status=1
exit "$status"
