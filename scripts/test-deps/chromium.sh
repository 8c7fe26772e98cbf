# Sourced by test.sh: Debian's Chromium and a CJK font for the browser tests (Playwright's own
# browser download does not work here), and the built web app they drive.
chengxin_chromium_setup() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    if [ "$(id -u)" -ne 0 ]; then echo "chromium.sh: ${missing[*]} missing and we are not root" >&2; return 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 || return 1
  fi
  "$root/scripts/web-build.sh"
}
chengxin_chromium_setup
