import { signalCommand } from './signal.js';

export default signalCommand('idle', {
  description: 'Say you are waiting with nothing to ask (done for now, or waiting on another task)',
  examples: ['maestro session idle', 'maestro session idle "waiting for tsk_0123456789"'],
  messageRequired: false,
  messageHelp: 'Why (optional)',
});
