#!/usr/bin/env bash
# Install what the editor's end-to-end tests (tests/e2e, marker e2e) need on Debian:
# Chromium, its WebDriver, a Hangul font, and the Python packages. Idempotent; run as root.
set -euo pipefail

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list 2>/dev/null | grep -qi nanum; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-nanum fontconfig >/dev/null
fi
python3 -m pip install -q "starlette>=0.40" "uvicorn>=0.30" "jinja2>=3.1" "python-multipart>=0.0.9" "itsdangerous>=2.1" \
  "httpx>=0.27" "selenium>=4.20"
chromium --version 2>/dev/null
chromedriver --version
