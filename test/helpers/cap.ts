import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CAP_XSD = path.resolve('test/fixtures/cap/CAP-v1.2.xsd');

/** xmllint's verdict on one alert against the OASIS CAP 1.2 schema: '' when valid, its complaint otherwise. */
export function xsdProblems(xml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cap-'));
  const file = path.join(dir, 'alert.xml');
  fs.writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', CAP_XSD, file], { stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stderr?: Buffer }).stderr ?? error);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
