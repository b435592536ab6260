// CloudBase accepts one timer trigger per cloud function (config.json `triggers` holds at most one);
// a second one is rejected when the triggers are uploaded, so a function with several jobs runs them
// from its one timer (admin's `tick`).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../core/api';

const root = path.resolve(__dirname, '../..');

describe('cloud function config.json', () => {
  for (const name of FUNCTION_NAMES) {
    it(`${name}: at most one timer trigger, with a 7-field cron`, () => {
      const config = JSON.parse(fs.readFileSync(path.join(root, 'cloudfunctions', name, 'config.json'), 'utf8')) as { triggers?: Array<{ name: string; type: string; config: string }> };
      const timers = (config.triggers ?? []).filter((t) => t.type === 'timer');
      expect(timers.length).toBeLessThanOrEqual(1);
      for (const t of timers) expect(t.config.trim().split(/\s+/)).toHaveLength(7);
    });
  }
});
