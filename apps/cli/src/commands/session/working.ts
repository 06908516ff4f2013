import { signalCommand } from './signal.js';

export default signalCommand('working', {
  description: 'Say you are working (after an answer, or on a long silent step)',
  examples: ['maestro session working', 'maestro session working "running the full test suite"'],
  messageRequired: false,
  messageHelp: 'What you are doing (optional)',
});
