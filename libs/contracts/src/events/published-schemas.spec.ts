import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEY_EVENT_SCHEMAS } from './schemas';

const DOCS = join(__dirname, '../../../../docs/schemas');

describe('published event schemas (docs/schemas)', () => {
  it('holds exactly one file per event type and version', () => {
    const files = readdirSync(DOCS).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(Object.keys(KEY_EVENT_SCHEMAS).map((name) => `${name}.json`).sort());
  });

  it.each(Object.entries(KEY_EVENT_SCHEMAS))('%s.json equals the schema parseKeyEvent validates with (npm run docs:schemas)', (name, schema) => {
    const text = readFileSync(join(DOCS, `${name}.json`), 'utf8');
    expect(text).toBe(JSON.stringify(schema, null, 2) + '\n');
  });
});
