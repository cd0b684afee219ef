#!/usr/bin/env bash
# Installs everything webcam-ml's Storybook and tests need on a fresh Debian machine:
# Debian's chromium and ffmpeg when missing, the locked npm dependencies, and the self-hosted weights.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} from Debian"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

# Copies the weights and TF.js wasm binaries out of installed npm packages into public/models.
npm run --silent models

# The face stories' sample video, made from a committed still with ffmpeg.
bash scripts/face-sample.sh
