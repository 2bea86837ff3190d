#!/usr/bin/env bash
# Restores an archive written by deploy/backup.sh into an EMPTY installation: the database (the CLI's
# `restore`, which refuses a database that already holds data) and the attachments and signing keys
# (refused if their folders already hold files). Stop the app first and do not start it on the new
# database before restoring (a first start imports the shipped courses, and the database is no
# longer empty). Reads the app's settings from the environment, like the app:
#   set -a; . /etc/retespi/env; set +a; deploy/restore.sh /var/backups/retespi/retespi-….tar.gz
set -euo pipefail
cd "$(dirname "$0")/.."

archive=${1:-}
if [ -z "$archive" ] || [ ! -f "$archive" ]; then
  echo "Uso / usage: deploy/restore.sh ARCHIVIO.tar.gz (file non trovato / file not found: '${archive}')" >&2
  exit 2
fi
mapfile -t dirs < <(node deploy/paths.ts)
attachments=${dirs[0]}
keys=${dirs[1]}
for dir in "$attachments" "$keys"; do
  if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
    echo "La cartella non è vuota / the folder is not empty: $dir (spostala o svuotala / move or empty it first)" >&2
    exit 1
  fi
done

umask 077
work=$(mktemp -d "${TMPDIR:-/tmp}/retespi-restore.XXXXXX")
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
if [ ! -f "$work/database.json" ]; then
  echo "$archive non è un backup di Rete SPI / is not a Rete SPI backup (no database.json)" >&2
  exit 1
fi
# The database first: if it refuses (not empty, newer version), no file has been copied.
node server/cli.ts restore "$work/database.json"
mkdir -p "$attachments" "$keys"
cp -a "$work/attachments/." "$attachments/"
cp -a "$work/keys/." "$keys/"
echo "File ripristinati / files restored: $attachments, $keys"
