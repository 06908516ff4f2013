/**
 * What the generated references (docs/api.md, docs/troubleshooting.md) read from
 * the API; a separate entry point (`@maestro/api/docs`) so the server's imports stay as they are.
 */
export { httpStatusOf } from './errors.js';
export { describeProcedures, type ProcedureInfo, type SessionAccess } from './procedures.js';
