import { defineCommand } from 'citty';
import { globalArgs, meta } from '../args.js';
import { agentKeyName, CONFIG_KEYS_TEXT, isConfigKey, parseAgentCommand, parseConfigValue, readConfig, updateConfig, type ConfigFile } from '../config.js';
import { CliError } from '../errors.js';
import { keyValues } from '../output.js';
import { invocationOf } from '../invocation.js';
import { configData } from '../schemas/config-data.js';

/** The token is shown only by `--get token`, never in a listing. */
function masked(values: ConfigFile): ConfigFile {
  return values.token ? { ...values, token: `****${values.token.slice(-4)}` } : values;
}

export default defineCommand({
  meta: meta(
    'config',
    `Read and write ~/.maestro/config.json (MAESTRO_CONFIG overrides the path; created 0600). Keys: ${CONFIG_KEYS_TEXT}`,
    [
      'maestro config --list',
      'maestro config --set apiUrl=http://10.0.0.5:4800',
      'maestro config --get project',
      'maestro config --unset token',
      'maestro config --set agents.aider.command="aider --yes"',
    ],
    { data: configData },
  ),
  args: {
    ...globalArgs,
    set: { type: 'string', valueHint: 'key=value', description: 'Save a value' },
    get: { type: 'string', valueHint: 'key', description: 'Print one saved value' },
    unset: { type: 'string', valueHint: 'key', description: 'Remove a saved value' },
    list: { type: 'boolean', description: 'Print every saved value (token masked)' },
  },
  run({ args, data }) {
    const rt = invocationOf(data);
    const path = rt.env.configPath;
    const chosen = [args.set !== undefined, args.get !== undefined, args.unset !== undefined, args.list === true].filter(Boolean).length;
    if (chosen !== 1) {
      throw new CliError('VALIDATION', 'Give exactly one of --set key=value, --get key, --unset key or --list', {
        hint: `Keys: ${CONFIG_KEYS_TEXT}. Examples: maestro config --set project=prj_0123456789; maestro config --set agents.aider.command="aider --yes"`,
      });
    }
    if (args.set !== undefined) {
      const eq = args.set.indexOf('=');
      if (eq <= 0) throw new CliError('VALIDATION', `Expected key=value, got "${args.set}"`, { hint: 'Example: maestro config --set retries=5' });
      const rawKey = args.set.slice(0, eq).trim();
      const agent = agentKeyName(rawKey);
      if (agent) {
        const command = parseAgentCommand(agent, args.set.slice(eq + 1));
        updateConfig(path, (c) => ({ ...c, agents: { ...c.agents, [agent]: { command } } }));
        rt.out.success({ path, key: rawKey, value: command }, (d) => `Saved ${d.key} in ${d.path}`);
        return;
      }
      const { key, value } = parseConfigValue(rawKey, args.set.slice(eq + 1));
      updateConfig(path, (c) => ({ ...c, [key]: value }));
      rt.out.success({ path, key, value: key === 'token' ? '****' : value }, (d) => `Saved ${d.key} in ${d.path}`);
      return;
    }
    const key = args.get ?? args.unset;
    const agent = key === undefined ? null : agentKeyName(key);
    if (key !== undefined && agent) {
      if (args.unset !== undefined) {
        updateConfig(path, (c) => ({ ...c, agents: Object.fromEntries(Object.entries(c.agents ?? {}).filter(([n]) => n !== agent)) }));
        rt.out.success({ path, key, value: null }, (d) => `Removed ${d.key} from ${d.path}`);
        return;
      }
      const value = readConfig(path).agents?.[agent]?.command ?? null;
      rt.out.success({ path, key, value }, (d) => (d.value === null ? '' : String(d.value)));
      return;
    }
    if (key !== undefined) {
      if (!isConfigKey(key)) throw new CliError('VALIDATION', `Unknown config key "${key}"`, { hint: `Known keys: ${CONFIG_KEYS_TEXT}.` });
      if (args.unset !== undefined) {
        updateConfig(path, (c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== key)));
        rt.out.success({ path, key, value: null }, (d) => `Removed ${d.key} from ${d.path}`);
        return;
      }
      const value = readConfig(path)[key] ?? null;
      rt.out.success({ path, key, value }, (d) => (d.value === null ? '' : String(d.value)));
      return;
    }
    const values = masked(readConfig(path));
    rt.out.success({ path, values }, (d) => {
      const { agents, ...plain } = d.values;
      const pairs: [string, string][] = [
        ...Object.entries(plain).map(([k, v]): [string, string] => [k, String(v)]),
        ...Object.entries(agents ?? {}).map(([name, a]): [string, string] => [`agents.${name}.command`, a.command]),
      ];
      return pairs.length === 0 ? rt.out.paint('dim', `Nothing saved in ${d.path}`) : keyValues(pairs, rt.out.paint);
    });
  },
});
