import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a test writes a picture of what it shows. The pictures in test-results/ are committed, so
 * that a reader sees the screens without running anything; an ordinary test run must not rewrite
 * them (every run differs by its clock and ids). So they are regenerated on purpose only:
 * `npm run screenshots` (SCREENSHOTS=1) writes test-results/<name>.png; any other run writes
 * test-results/.latest/<name>.png, which git ignores, for looking at after a run.
 */
export const SCREENSHOTS_DIR = path.resolve('test-results', process.env.SCREENSHOTS === '1' ? '.' : '.latest');

/** The path of the PNG named `name` (without extension). */
export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  return path.join(SCREENSHOTS_DIR, `${name}.png`);
}
