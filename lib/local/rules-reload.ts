// Reloads the local gateway's rules when its rules folder (or rules/local/) changes. A change is
// validated as a whole before anything uses it: a broken change keeps the rules in force, and the
// log and /health say so, naming each problem's file and line, until a later change loads.
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { RuleError } from '../errors.ts';
import { errorFields, type Logger } from '../log.ts';
import type { Engine } from '../pipeline/engine.ts';
import { loadEngine } from '../pipeline/load-engine.ts';
import type { LiveEngine } from './live-engine.ts';

/** What /health says about the rules. */
export interface RulesStatus {
  /** `refused`: the last change was invalid; the rules in force are the earlier ones. */
  status: 'loaded' | 'refused';
  /** Version of the rules in force. */
  version: string;
  /** ISO 8601: when the rules in force were loaded (start-up or the last good change). */
  loadedAt: string;
  /** When refused: when, and what is wrong (file, line and setting; never message content). */
  refusedAt?: string;
  problems?: string[];
}

export interface RulesReloadOptions {
  dir: string;
  engine: LiveEngine;
  log: Logger;
  /** Quiet time after the last change before loading: editors save in several steps. */
  settleMs?: number;
  load?: (dir: string) => Promise<Engine>;
  now?: () => Date;
}

export interface RulesReload {
  status(): RulesStatus;
  /** Loads the folder now (the watcher calls this); resolves when done. */
  reload(): Promise<void>;
  close(): void;
}

const DEFAULT_SETTLE_MS = 250;

export function watchRules(options: RulesReloadOptions): RulesReload {
  const { dir, engine, log } = options;
  const load = options.load ?? loadEngine;
  const now = options.now ?? (() => new Date());
  let state: RulesStatus = { status: 'loaded', version: engine.ruleSet.version, loadedAt: now().toISOString() };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let closed = false;
  const watchers = new Map<string, FSWatcher>();

  async function loadOnce(): Promise<void> {
    try {
      const next = await load(dir);
      if (closed) return;
      const previous = engine.ruleSet.version;
      engine.replace(next);
      state = { status: 'loaded', version: next.ruleSet.version, loadedAt: now().toISOString() };
      if (previous !== next.ruleSet.version) log.info('rules reloaded', { ruleSetVersion: next.ruleSet.version, previousVersion: previous });
    } catch (error) {
      if (closed) return;
      // A RuleError's message is the administrator's own settings, by file and line; anything else by name only.
      const problems = error instanceof RuleError ? error.message.split('\n').filter((line) => !/^\d+ problems in the rule files:$/.test(line)) : [`the rules could not be read (${(error as Error).name})`];
      state = { ...state, status: 'refused', refusedAt: now().toISOString(), problems };
      log.error('rule change refused: the rules in force are kept', { ruleSetVersion: state.version, problems, ...errorFields(error) });
    }
  }

  function reload(): Promise<void> {
    // One load at a time; a change during a load loads again after it, so the last edit always counts.
    if (again) return running;
    again = true;
    running = running.then(async () => {
      again = false;
      await loadOnce();
      watchLocal();
    });
    return running;
  }

  function changed(): void {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), options.settleMs ?? DEFAULT_SETTLE_MS);
  }

  function watchFolder(path: string): void {
    if (watchers.has(path) || closed) return;
    try {
      const watcher = watch(path, { persistent: false }, changed);
      // The folder went away (local/ removed): forget it, the parent's watcher sees it come back.
      watcher.on('error', () => {
        watcher.close();
        watchers.delete(path);
      });
      watchers.set(path, watcher);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn('cannot watch the rules folder for changes', { ...errorFields(error) });
    }
  }

  /** rules/local/ may be created, removed or replaced while the gateway runs. */
  function watchLocal(): void {
    const local = join(dir, 'local');
    const existing = watchers.get(local);
    if (existing) {
      existing.close();
      watchers.delete(local);
    }
    watchFolder(local);
  }

  watchFolder(dir);
  watchLocal();

  return {
    status: () => state,
    reload,
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
