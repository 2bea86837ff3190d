// Attachment bytes on disk: one file per random storage key, under two levels of folders
// (ab/cd/abcd…) so no folder grows huge. Names never come from users.
import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const newStorageKey = (): string => randomUUID();

/** The file's path; refuses anything that is not one of our keys, so no row can point elsewhere. */
export function storagePath(dir: string, key: string): string {
  if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${key}`);
  return path.join(dir, key.slice(0, 2), key.slice(2, 4), key);
}

export async function storeFile(dir: string, key: string, bytes: Buffer): Promise<void> {
  const file = storagePath(dir, key);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes, { flag: 'wx', mode: 0o640 });
}

export async function removeFile(dir: string, key: string): Promise<void> {
  await rm(storagePath(dir, key), { force: true });
}

export async function fileExists(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}
