#!/usr/bin/env bash
# Fails, naming the file, when the build links against (or runs) a file that no package scripts/setup.sh
# installs owns. Such a file is here only because something else pulled it in, and a fresh Debian 12
# that follows the README lacks it: dlib's pkg-config file names /usr/lib/x86_64-linux-gnu/libblas.so,
# which only libblas-dev installs, and nothing setup.sh named depended on it.
#
# "Installs" means the packages setup.sh names and everything they depend on (Depends and Pre-Depends,
# as `apt-get install --no-install-recommends` pulls them in), followed through this machine's dpkg
# database, so it needs no network and no package lists. An alternative ("a | b") counts as its first
# branch that is installed here, the one apt keeps.
#
# Usage: scripts/check-fresh-install.sh [BUILD_DIR [SETUP_SCRIPT]]
#   BUILD_DIR: configured by `cmake -G Ninja` (build.ninja and CMakeCache.txt), default build;
#   SETUP_SCRIPT: prints its packages with --list, default scripts/setup.sh (the tests give their own).
# Run after setup.sh and cmake's configure step; it takes a few seconds. Exit 0: all owned; 1: not.
set -euo pipefail
build=${1:-build}
setup=${2:-$(dirname "$0")/setup.sh}
[ -f "$build/build.ninja" ] && [ -f "$build/CMakeCache.txt" ] \
  || { echo "check-fresh-install: $build is not a build folder configured by cmake -G Ninja" >&2; exit 2; }
build=$(cd "$build" && pwd)
source_dir=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt")

# The installed closure of setup.sh's packages, one name a line.
installed_closure() {
  dpkg-query -W -f='${db:Status-Status}\t${Package}\t${Provides}\t${Depends}, ${Pre-Depends}\n' |
  awk -F'\t' -v roots="$("$setup" --list | tr '\n' ' ')" '
    function bare(name) { sub(/[(\[].*/, "", name); gsub(/[ \t]/, "", name); sub(/:.*/, "", name); return name }
    function installed_as(name) { return (name in installed) ? name : ((name in provider) ? provider[name] : "") }
    $1 == "installed" {
      installed[$2] = 1; depends[$2] = $4
      n = split($3, provided, ",")
      for (i = 1; i <= n; i++) { v = bare(provided[i]); if (v != "" && !(v in provider)) provider[v] = $2 }
    }
    END {
      n = split(roots, queue, " "); head = 1
      for (i = 1; i <= n; i++) {
        p = installed_as(queue[i])
        if (p == "") { print "NOT-INSTALLED " queue[i]; continue }
        queue[i] = p
      }
      while (head <= n) {
        p = queue[head++]
        if (p == "" || (p in seen)) continue
        seen[p] = 1; print p
        clauses = split(depends[p], clause, ",")
        for (c = 1; c <= clauses; c++) {
          alternatives = split(clause[c], alternative, "|")
          for (a = 1; a <= alternatives; a++) {
            chosen = installed_as(bare(alternative[a]))
            if (chosen != "") { queue[++n] = chosen; break }
          }
        }
      }
    }'
}
closure=$(installed_closure)
not_installed=$(sed -n 's/^NOT-INSTALLED //p' <<<"$closure")
[ -z "$not_installed" ] || { echo "check-fresh-install: not installed here (run $setup first):" $not_installed >&2; exit 2; }

# What the build links against (every target's LINK_LIBRARIES, -lNAME resolved the way the compiler
# finds it) and the programs it runs (compiler, shader compiler, build tool, pkg-config).
cxx=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
used_files() {
  sed -n 's/^ *LINK_LIBRARIES = //p' "$build/build.ninja" | tr ' ' '\n' | sort -u | while read -r item; do
    case "$item" in
      -l*) found=$("$cxx" -print-file-name="lib${item#-l}.so")
           [ "${found#/}" != "$found" ] || found=$("$cxx" -print-file-name="lib${item#-l}.a")
           realpath -sm "$found" ;;
      /*) case "$item" in "$build"/*|"$source_dir"/*) ;; *) realpath -sm "$item" ;; esac ;;
    esac
  done
  sed -n -E 's/^(CMAKE_CXX_COMPILER|CMAKE_MAKE_PROGRAM|GLSLC|PKG_CONFIG_EXECUTABLE):FILEPATH=//p' "$build/CMakeCache.txt"
}
files=$(used_files)

# The packages that own a file: dpkg -S on it, then on what it links to (update-alternatives' links,
# such as libblas.so -> /etc/alternatives/... -> .../blas/libblas.so, belong to no package themselves).
# Merged /usr: dpkg may have recorded a file under /lib rather than /usr/lib.
owners_of() {
  local path=$1 hops
  for hops in 1 2 3 4 5 6 7 8; do
    local candidate
    for candidate in "$path" "${path#/usr}"; do
      local owners
      owners=$(dpkg -S "$candidate" 2>/dev/null | grep -v '^diversion' | sed 's/: .*//; s/:[a-z0-9_]*//g; s/,/ /g') || true
      [ -z "$owners" ] || { echo "$owners"; return; }
    done
    [ -L "$path" ] || return 0
    local target
    target=$(readlink "$path")
    case "$target" in /*) path=$target ;; *) path=$(realpath -sm "$(dirname "$path")/$target") ;; esac
  done
}

failed=0; count=0
while read -r file; do
  [ -n "$file" ] || continue
  count=$((count + 1))
  owners=$(owners_of "$file")
  if [ -z "$owners" ]; then
    echo "check-fresh-install: $file belongs to no Debian package; a fresh install cannot have it"; failed=1
    continue
  fi
  ok=0
  for owner in $owners; do grep -qxF "$owner" <<<"$closure" && ok=1; done
  if [ $ok = 0 ]; then
    echo "check-fresh-install: $file comes from $owners, which $setup does not install (add it there)"
    failed=1
  fi
done <<<"$files"
[ $failed = 0 ] && echo "check-fresh-install: all $count files the build links against or runs come from the $(wc -l <<<"$closure") packages $setup installs"
exit $failed
