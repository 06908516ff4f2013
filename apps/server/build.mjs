import { bundle } from '../../scripts/bundle.mjs';

// Migrations travel beside the bundle: the server applies them at start.
await bundle({ entry: 'src/main.ts', outfile: 'dist/main.js', copy: [['../../packages/db/drizzle', 'dist/drizzle']] });
