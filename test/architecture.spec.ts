import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The layering rules in .dependency-cruiser.js hold for apps/ and libs/. */
describe('architecture', () => {
  it('keeps the domain pure, use cases on ports, libs free of apps and apps apart', () => {
    const root = join(__dirname, '..');
    const result = spawnSync(
      process.execPath,
      [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'apps', 'libs', '--config', '.dependency-cruiser.js', '--output-type', 'err'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(result.stdout + result.stderr).toContain('no dependency violations found');
    expect(result.status).toBe(0);
  }, 60000);
});
