#!/usr/bin/env bash
# Idempotent setup: installs what is missing, and is a fast no-op when everything is there.
#   1. Debian packages: libtorch-dev, libopenblas0-pthread (BLAS for libtorch), dataset-fashion-mnist,
#      python3-onnx (a development aid: the ONNX checker in tests), cmake and g++.
#   2. ONNX Runtime 1.30.0: only libonnxruntime.so.1, taken from the npm package onnxruntime-node@1.30.0,
#      sha256-verified, into .native/onnxruntime/ (ignored by git).
#   3. The libtorch shim (Native/) built with CMake into .native/build/. HARNESS_TORCH_DIR (or Torch_DIR)
#      points it at another libtorch, e.g. a CUDA build: <site-packages>/torch/share/cmake/Torch.
# Exit codes: 0 ready; 2 a step cannot succeed here (the message says what is missing and how to provide it).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NATIVE="$ROOT/.native"
ORT_VERSION="1.30.0"
ORT_SHA256="ffb75a925ba05e47b235bb66e3e3911714a80b328a9c9425539feb204aa32a23"
ORT_FILE="$NATIVE/onnxruntime/libonnxruntime.so.1"
ORT_MEMBER="package/bin/napi-v6/linux/x64/libonnxruntime.so.1"
APT_PACKAGES=(libtorch-dev libopenblas0-pthread dataset-fashion-mnist python3-onnx cmake g++ make chromium)

say() { echo "setup: $*" >&2; }
fail() { echo "setup: error: $*" >&2; exit 2; }

# ---- 1. Debian packages -----------------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  command -v apt-get >/dev/null || fail "apt-get not found: install ${missing[*]} with your package manager."
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null && sudo -n true 2>/dev/null && sudo="sudo -n" ||
      fail "root is needed to install ${missing[*]}: run 'sudo apt-get install ${missing[*]}' or run setup as root."
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >/dev/null 2>&1 || fail "apt-get update failed: no network to Debian's package registry?"
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    fail "apt-get install ${missing[*]} failed: check the network to Debian's registry and free disk space."
fi

# ---- 2. ONNX Runtime from the npm package -----------------------------------------------------------------
ort_ok() { [ -f "$ORT_FILE" ] && echo "$ORT_SHA256  $ORT_FILE" | sha256sum -c --status; }
stamp="$NATIVE/onnxruntime/.verified"
if [ -f "$stamp" ] && [ -f "$ORT_FILE" ] && [ "$(stat -c %s-%Y "$ORT_FILE")" = "$(cat "$stamp")" ]; then
  :  # verified earlier and unchanged since
elif ort_ok; then
  stat -c %s-%Y "$ORT_FILE" > "$stamp"
else
  say "fetching ONNX Runtime $ORT_VERSION (npm package onnxruntime-node@$ORT_VERSION, about 113 MB)"
  command -v npm >/dev/null || fail "npm not found: install Node.js/npm, or put libonnxruntime.so.1 ($ORT_VERSION) at $ORT_FILE."
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "onnxruntime-node@$ORT_VERSION" >/dev/null 2>"$tmp/npm.err") ||
    fail "npm pack onnxruntime-node@$ORT_VERSION failed ($(tail -1 "$tmp/npm.err")): no network to the npm registry?"
  tar -xzf "$tmp/onnxruntime-node-$ORT_VERSION.tgz" -C "$tmp" "$ORT_MEMBER" ||
    fail "the npm package has no $ORT_MEMBER"
  echo "$ORT_SHA256  $tmp/$ORT_MEMBER" | sha256sum -c --status ||
    fail "sha256 of $ORT_MEMBER does not match $ORT_SHA256: refusing an unknown binary."
  mkdir -p "$NATIVE/onnxruntime"
  mv "$tmp/$ORT_MEMBER" "$ORT_FILE"
  stat -c %s-%Y "$ORT_FILE" > "$stamp"
  say "ONNX Runtime $ORT_VERSION installed at $ORT_FILE (sha256 verified)"
fi

# ---- 3. The libtorch shim ---------------------------------------------------------------------------------
torch_dir="${HARNESS_TORCH_DIR:-${Torch_DIR:-}}"
build="$NATIVE/build"
cmake_args=(-S "$ROOT/Native" -B "$build" -DCMAKE_BUILD_TYPE=Release)
[ -n "$torch_dir" ] && cmake_args+=("-DTorch_DIR=$torch_dir")
configured_for="$(cat "$build/.torch_dir" 2>/dev/null || echo "<none>")"
if [ ! -f "$build/CMakeCache.txt" ] || [ "$configured_for" != "$torch_dir" ]; then
  say "configuring the libtorch shim${torch_dir:+ against $torch_dir}"
  cmake "${cmake_args[@]}" >"$NATIVE/cmake-configure.log" 2>&1 ||
    fail "CMake could not configure Native/ (see $NATIVE/cmake-configure.log): is libtorch-dev installed, or HARNESS_TORCH_DIR right?"
  echo "$torch_dir" > "$build/.torch_dir"
fi
cmake --build "$build" -j"$(nproc)" >"$NATIVE/cmake-build.log" 2>&1 ||
  fail "building the libtorch shim failed (see $NATIVE/cmake-build.log)"

# ---- 4. The .NET SDK --------------------------------------------------------------------------------------
command -v dotnet >/dev/null || fail "the .NET SDK (10) is not installed: see https://dot.net and put dotnet on PATH."
exit 0
