import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertDataDirFree, DataDirLockedError, lockDataDir } from './data-dir-lock.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'cascade-lock-'));

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('data folder lock', () => {
  it('holds the folder until released', () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'cascade.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'cascade.lock'))).toBe(false);
  });

  it('refuses a folder held by another live process, naming it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cascade.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => assertDataDirFree(dir)).toThrow(`already in use by process ${process.ppid}`);
  });

  it('takes over a lock left by a process that died (kill -9)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cascade.lock'), String(deadPid()));
    expect(() => assertDataDirFree(dir)).not.toThrow();
    const release = lockDataDir(dir);
    expect(readFileSync(join(dir, 'cascade.lock'), 'utf8')).toBe(String(process.pid));
    release();
  });
});
