import { httpStatusOf } from '@maestro/api/docs';
import { ERROR_CODES } from '@maestro/schemas/errors';
import { exitCodeFor } from '../errors.js';
import { ERROR_HELP } from './error-help.js';
import { splice } from './markdown.js';

/** One section per code, in the order of the one list (packages/schemas/src/errors.ts). */
function errorCodes(): string {
  return ERROR_CODES.map((code) => {
    const { meaning, fix, cliOnly } = ERROR_HELP[code];
    const http = cliOnly ? 'made by the CLI, never sent by the server' : `HTTP ${httpStatusOf(code)}`;
    return [`### ${code}`, `${http} · CLI exit ${exitCodeFor(code)}`, meaning, `**Fix:** ${fix}`].join('\n\n');
  }).join('\n\n');
}

/** docs/troubleshooting.md with its error-code section rebuilt. */
export function renderTroubleshootingDoc(current: string): string {
  return splice(current, 'error codes', errorCodes());
}
