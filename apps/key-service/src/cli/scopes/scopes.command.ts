import { isOn } from '../args';
import { json, table } from '../output/table';
import { remoteCommand } from '../remote/remote-command';

export const scopesCommand = remoteCommand({
  help: `Usage: pxxl-keys scopes [--json]

The scope catalog and its presets: what "keys create --scope" and "--preset"
take. A scope with a RESOURCE kind can be narrowed to one resource, e.g.
cdn:upload:web. Needs no key.

Example:
  pxxl-keys scopes`,
  flags: [],
  key: false,
  async run(client, args, io) {
    const catalog = await client.keys.scopes();
    if (isOn(args, 'json')) {
      io.stdout.write(json(catalog));
      return 0;
    }
    io.stdout.write(table(['SCOPE', 'RESOURCE', 'DESCRIPTION'], catalog.scopes.map((s) => [s.name, s.resource ?? '-', s.description])));
    io.stdout.write('\n');
    io.stdout.write(table(['PRESET', 'RESOURCE', 'SCOPES', 'DESCRIPTION'], catalog.presets.map((p) => [p.name, p.resource ?? '-', p.scopes.join(' '), p.description])));
    return 0;
  },
});
