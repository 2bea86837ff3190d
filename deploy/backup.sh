#!/usr/bin/env bash
# Rete SPI backup: one archive with the database (the CLI's `backup`, a consistent snapshot taken
# while the app runs), the uploaded attachments and the credential signing keys, which live outside
# the database. Keeps the newest BACKUP_KEEP archives in BACKUP_DIR. Reads the app's settings from the
# environment (systemd: EnvironmentFile=/etc/retespi/env). Run by retespi-backup.service; by hand:
#   set -a; . /etc/retespi/env; set +a; BACKUP_DIR=/var/backups/retespi deploy/backup.sh
# Restore: deploy/restore.sh ARCHIVE.
set -euo pipefail
cd "$(dirname "$0")/.."

BACKUP_DIR=${BACKUP_DIR:-/var/backups/retespi}
BACKUP_KEEP=${BACKUP_KEEP:-14}
if ! [[ $BACKUP_KEEP =~ ^[1-9][0-9]*$ ]]; then
  echo "BACKUP_KEEP deve essere un numero intero positivo / must be a positive integer: '$BACKUP_KEEP'" >&2
  exit 2
fi
umask 077
mkdir -p "$BACKUP_DIR"

mapfile -t dirs < <(node deploy/paths.ts)
attachments=${dirs[0]}
keys=${dirs[1]}

work=$(mktemp -d "${TMPDIR:-/tmp}/retespi-backup.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The same command as `npm run cli -- backup FILE` (npm itself is not needed, nor its cache folder).
node server/cli.ts backup "$work/database.json" >/dev/null
# After the database: every file a backed-up row names is already on disk (a file newer than the
# snapshot is harmless). A missing folder (nothing uploaded yet) is an empty one.
mkdir -p "$work/attachments" "$work/keys"
if [ -d "$attachments" ]; then cp -a "$attachments/." "$work/attachments/"; fi
if [ -d "$keys" ]; then cp -a "$keys/." "$work/keys/"; fi

name="retespi-$(date -u +%Y%m%dT%H%M%S.%3NZ).tar.gz"
# Written under a temporary name and renamed: a rotation or a restore never sees half an archive.
tar -czf "$BACKUP_DIR/.$name.part" -C "$work" database.json attachments keys
mv "$BACKUP_DIR/.$name.part" "$BACKUP_DIR/$name"
echo "Backup scritto / written: $BACKUP_DIR/$name ($(du -h "$BACKUP_DIR/$name" | cut -f1))"

# Rotation: the names sort by time; everything before the newest BACKUP_KEEP goes.
shopt -s nullglob
archives=("$BACKUP_DIR"/retespi-*.tar.gz)
old=$((${#archives[@]} - BACKUP_KEEP))
for ((i = 0; i < old; i++)); do
  rm -f -- "${archives[i]}"
  echo "Rimosso / removed: ${archives[i]}"
done
