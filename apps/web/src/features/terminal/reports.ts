/**
 * Replies xterm itself sends when a program asks the terminal something (cursor
 * position, device attributes, status, colours). With several viewers on one
 * session each would answer, and the PTY would read the answers as typed text;
 * only the viewer that controls the size answers.
 */
// eslint-disable-next-line no-control-regex -- terminal replies are control sequences
const REPORT = /^(\x1b\[\??\d*(;\d*)*[Rn]|\x1b\[[?>]\d*(;\d*)*c|\x1b\][^\x07\x1b]*(\x07|\x1b\\))+$/;

export function isTerminalReport(data: string): boolean {
  return REPORT.test(data);
}
