#!/bin/sh
# The Debian packages the tests need (the site itself needs none of them).
# Run by `make test` before any test: as root, installs what is missing;
# otherwise stops with the exact command to type.
set -eu

need=""
want() {  # want "COMMAND..." PACKAGE: PACKAGE provides one of the COMMANDs
  for c in $1; do command -v "$c" >/dev/null 2>&1 && return 0; done
  case " $need " in *" $2 "*) ;; *) need="$need $2" ;; esac
}
# The same names and overrides as scripts/helpcenter/tools.py.
if [ -z "${HELPCENTER_CHROMIUM:-}" ]; then
  want "chromium chromium-browser google-chrome google-chrome-stable chrome" chromium  # browser tests, accessibility
fi
if [ -z "${HELPCENTER_JAVA:-}" ] && [ ! -x "${JAVA_HOME:-/nonexistent}/bin/java" ]; then
  want java default-jre-headless  # the HTML validity check (the Nu checker)
fi
want pdftoppm poppler-utils       # printed sheets turned into images
want pdfinfo poppler-utils
want zbarimg zbar-tools           # decodes the sheets' QR codes
want nginx nginx                  # deploy/nginx.conf, served as in production
want npm npm                      # test-only tools from npm (package.json)
need=${need# }

[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "make test needs Debian packages that are missing; install them, then run make test again:" >&2
  echo "  sudo apt-get install -y --no-install-recommends $need" >&2
  exit 1
fi
echo "installing the Debian packages the tests need: $need" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $need >/dev/null
