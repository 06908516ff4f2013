import { z } from 'zod';
import { configFile } from '../config.js';

/*
 * `maestro config --json`: apart from the other CLI-only shapes (cli.ts) so that declaring it
 * loads nothing the command does not load already (cli.ts loads every entity schema).
 */
export const configEntry = z.object({ path: z.string(), key: z.string(), value: z.unknown() });
export const configList = z.object({ path: z.string(), values: configFile });
export const configData = z.union([configEntry, configList]);
