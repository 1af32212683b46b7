#!/usr/bin/env bash
# Makes sure the machine has the tools Meridian's demo and tests run on (see ../shared/TOOLCHAIN.md):
# Prometheus + promtool and Alertmanager (Debian packages), Debian's Chromium for Playwright, kubectl,
# and buildah + mmdebstrap for the container image and its smoke test (`npm run image`).
# Installs what is missing when running as root; otherwise exits non-zero naming what is missing.
# Never downloads a browser or a binary of its own.
set -euo pipefail

need_pkgs=()
missing=()
check() { # check <command path or name> <debian package>
  if ! command -v "$1" >/dev/null 2>&1; then
    missing+=("$1"); need_pkgs+=("$2")
  fi
}
check prometheus prometheus
check promtool prometheus
check prometheus-alertmanager prometheus-alertmanager
check /usr/bin/chromium chromium
check buildah buildah
check mmdebstrap mmdebstrap

# kubectl: these machines ship kubectl 1.32 (package kubectl). Debian's kubernetes-client (kubectl 1.20)
# owns the same path, so it is only the fallback where no kubectl exists at all.
if ! command -v kubectl >/dev/null 2>&1; then
  missing+=(kubectl)
  if apt-cache policy kubectl 2>/dev/null | grep -q 'Candidate: [0-9]'; then need_pkgs+=(kubectl); else need_pkgs+=(kubernetes-client); fi
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-tools: missing: ${missing[*]}" >&2
  echo "ensure-tools: install them with: sudo apt-get install -y --no-install-recommends $(printf '%s\n' "${need_pkgs[@]}" | sort -u | tr '\n' ' ')" >&2
  exit 1
fi

pkgs=$(printf '%s\n' "${need_pkgs[@]}" | sort -u | tr '\n' ' ')
echo "ensure-tools: installing ${pkgs}(missing: ${missing[*]})" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $pkgs >/dev/null

still=()
for t in "${missing[@]}"; do command -v "$t" >/dev/null 2>&1 || still+=("$t"); done
if [ ${#still[@]} -gt 0 ]; then
  echo "ensure-tools: still missing after install: ${still[*]}" >&2
  exit 1
fi
echo "ensure-tools: installed ${pkgs}" >&2
