#!/usr/bin/env bash
# Starts the CUPS scheduler (if it is not running) and adds the CUPS-PDF virtual printer "PDF",
# which writes each printed job as a PDF under $HOME/PDF/. Used by .ci/run and by developers
# before the printing tests. Needs root and the Debian packages cups and printer-driver-cups-pdf.
set -euo pipefail
if ! LC_ALL=C lpstat -r 2>/dev/null | grep -q 'scheduler is running'; then
  mkdir -p /run/cups
  cupsd
  for _ in $(seq 1 50); do
    LC_ALL=C lpstat -r 2>/dev/null | grep -q 'scheduler is running' && break
    sleep 0.2
  done
fi
if ! lpstat -e 2>/dev/null | grep -qx PDF; then
  lpadmin -p PDF -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd 2>/dev/null
fi
lpstat -p PDF
