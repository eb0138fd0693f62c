#!/usr/bin/env bash
# Everything confine needs on a fresh Debian or Ubuntu machine, then its npm packages:
# - Chromium: its SwiftShader Vulkan driver runs WebGPU where there is no GPU, and it is the
#   browser the end-to-end tests, the screenshots and the browser benchmark drive;
# - libvulkan1, the Vulkan loader Dawn (the npm package `webgpu`) opens;
# - slurm-wlm and munge: the tests start a one-node Slurm cluster on this machine (in a network
#   namespace of its own, loopback only) and run deploy/slurm-sweep.sh on it.
# Installing them needs root: run as root, or this asks sudo. On a machine with a GPU driver the
# loader finds the GPU's driver too; Chromium is still what the browser tests drive. Elsewhere,
# install Chromium or Chrome and the Vulkan loader by hand (PUPPETEER_EXECUTABLE_PATH or
# CHROME_PATH name a browser in another place) and run `npm ci`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
browser="${PUPPETEER_EXECUTABLE_PATH:-${CHROME_PATH:-}}"
if [ -z "$browser" ] && ! [ -x /usr/bin/chromium ] && ! [ -x /usr/bin/chromium-browser ] && ! [ -x /usr/bin/google-chrome-stable ] && ! [ -x /usr/bin/google-chrome ]; then
  missing+=(chromium)
fi
ldconfig -p 2>/dev/null | grep -q 'libvulkan.so.1' || missing+=(libvulkan1)
command -v slurmctld >/dev/null || missing+=(slurm-wlm)
command -v munged >/dev/null || missing+=(munge)
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "setup: ${missing[*]} missing and no apt-get here: install Chromium (or Chrome) and the Vulkan loader, then run npm ci" >&2
    exit 1
  fi
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  echo "setup: installing ${missing[*]} with apt-get (needs root)" >&2
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Puppeteer drives the system's browser; it never downloads one.
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
