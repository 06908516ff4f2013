import { signalCommand } from './signal.js';

export default signalCommand('needs_input', {
  description: 'Ask a person a question: your session shows `needs_input` with it in the inbox until someone answers in your terminal',
  examples: [
    'maestro session needs-input "Which database: Postgres or SQLite?"',
    'maestro session needs-input "Approve the migration plan in PLAN.md?" --json',
  ],
  messageRequired: true,
  messageHelp: 'The question, in one line',
});
