# Sourced by test.sh: the Debian programs the tests use to look at what the product makes from
# outside it — zbarimg reads the survey QR codes, pdftoppm/pdftotext open generated PDFs, and
# aiosmtpd is the local SMTP sink the notification tests deliver to; the fonts are those official documents embed.
chengxin_tools_setup() {
  local missing=()
  command -v zbarimg >/dev/null 2>&1 || missing+=(zbar-tools)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
  /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
  # The PDF writer embeds a TrueType Chinese face and Liberation Serif for Latin; charts draw with Noto Sans CJK SC.
  [ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || missing+=(fonts-droid-fallback)
  [ -f /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf ] || missing+=(fonts-liberation)
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    if [ "$(id -u)" -ne 0 ]; then echo "tools.sh: ${missing[*]} missing and we are not root" >&2; return 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 || return 1
  fi
}
chengxin_tools_setup
